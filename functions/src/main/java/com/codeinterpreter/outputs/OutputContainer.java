package com.codeinterpreter.outputs;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import java.util.function.Supplier;

/**
 * The Blob Storage container the app writes to, created on first use: the output store keeps files there,
 * the session ledger its records. Its failures are {@link OutputStoreException}s that name the account.
 * Thread-safe.
 */
public final class OutputContainer {
    private final BlobContainerClient container;
    private final Object lock = new Object();
    private volatile boolean ready;

    OutputContainer(BlobContainerClient container) {
        this.container = container;
    }

    /**
     * Creates the container if it does not exist; after one success it returns at once. Safe to call from
     * many threads: only one creates.
     *
     * @throws OutputStoreException when the container cannot be created (the next call tries again)
     */
    void ensureExists() {
        if (ready) {
            return;
        }
        synchronized (lock) {
            if (!ready) {
                call("create the container '" + container.getBlobContainerName() + "'", container::createIfNotExists);
                ready = true;
            }
        }
    }

    /** The container was deleted behind our back: the next write creates it again. */
    void forgetExists() {
        ready = false;
    }

    /** The blob of that name, in a container that exists. */
    BlobClient blob(String name) {
        ensureExists();
        return container.getBlobClient(name);
    }

    String accountUrl() {
        return container.getAccountUrl();
    }

    /**
     * Writes {@code data} to the blob {@code name} and says whether that blob was there before (then it is
     * replaced). Two requests at most; one when it was not.
     *
     * @throws OutputStoreException when Blob Storage fails
     */
    public boolean writeAndTellIfExisted(String name, BinaryData data, String action) {
        BlobClient blob = blob(name);
        try {
            blob.upload(data, false);
            return false;
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode())) {
                throw OutputStoreException.because(action, accountUrl(), e);
            }
        }
        call(action, () -> {
            blob.upload(data, true);
            return null;
        });
        return true;
    }

    /** Runs a Blob Storage request; its failure is an {@link OutputStoreException} saying what was being done. */
    <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw OutputStoreException.because(action, container.getAccountUrl(), e);
        }
    }
}
