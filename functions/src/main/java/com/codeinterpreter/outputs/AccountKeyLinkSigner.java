package com.codeinterpreter.outputs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/**
 * Signs service SAS with the account key the client was built with (from a connection string).
 *
 * <p>Signing is local: no request to the service. Used against Azurite, whose emulator account has a
 * well-known key; in Azure the app uses {@link UserDelegationLinkSigner} and holds no key.
 */
final class AccountKeyLinkSigner implements LinkSigner {

    @Override
    public String sign(BlobClient blob, BlobServiceSasSignatureValues terms) {
        return blob.generateSas(terms);
    }
}
