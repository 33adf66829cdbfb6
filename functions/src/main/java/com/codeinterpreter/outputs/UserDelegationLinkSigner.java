package com.codeinterpreter.outputs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.time.Clock;
import java.time.Duration;

/**
 * Signs user delegation SAS: links signed with a key obtained through the app's Entra ID identity, so no
 * account key exists in the app, and revoking the identity's role (or its keys) revokes the links.
 *
 * <p>The identity needs a role with {@code generateUserDelegationKey} on the account, such as Storage
 * Blob Data Contributor, which it needs for the uploads anyway.
 */
final class UserDelegationLinkSigner implements LinkSigner {
    private final UserDelegationKeyCache keys;

    UserDelegationLinkSigner(BlobServiceClient service, Clock clock, Duration linkTtl) {
        this.keys = new UserDelegationKeyCache(service::getUserDelegationKey, clock, linkTtl);
    }

    @Override
    public String sign(BlobClient blob, BlobServiceSasSignatureValues terms) {
        return blob.generateUserDelegationSas(terms, keys.keyCovering(terms.getExpiryTime()));
    }
}
