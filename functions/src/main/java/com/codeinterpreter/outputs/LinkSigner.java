package com.codeinterpreter.outputs;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/**
 * Signs the query string (SAS) of a link to one blob. How it signs depends on the credential the app
 * has: the account key (Azurite, connection strings) or a user delegation key (managed identity).
 */
interface LinkSigner {

    /**
     * Returns the SAS query string, without the leading '?', granting exactly what {@code terms} say.
     *
     * @throws RuntimeException from the SDK when a key cannot be obtained
     */
    String sign(BlobClient blob, BlobServiceSasSignatureValues terms);
}
