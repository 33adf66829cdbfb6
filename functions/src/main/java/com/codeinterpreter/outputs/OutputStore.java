package com.codeinterpreter.outputs;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlockBlobClient;
import com.azure.storage.common.sas.SasProtocol;
import com.codeinterpreter.settings.AppCredential;
import com.codeinterpreter.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Persists files that executions produce to Blob Storage and hands back read-only links to them.
 *
 * <p>Each link is a SAS for one blob, read permission only, valid for {@code OUTPUTS_LINK_TTL_MINUTES}.
 * Against Azure the app signs with a user delegation key obtained through its managed identity; against
 * Azurite (a connection string) with the account key. Thread-safe; build one per app and share it.
 */
public final class OutputStore {
    /** Tolerates a reader whose clock is behind the service's: a link is valid from slightly in the past. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    // Files larger than one block are staged in blocks, two at a time, then committed. The blocks are read
    // into two buffers of our own, each reused once its block is staged, so memory stays near two blocks
    // (~8 MiB) whatever the file size; each buffered block can be retried without re-reading the caller's stream.
    // (The SDK's parallel upload of a stream queues blocks between its reactive stages: six were live at
    // once mid-transfer, ~24 MiB, for the same two in flight.) The block is 64 KiB short of 4 MiB because
    // G1 stores an array of a region's size or more in whole regions: a 4 MiB buffer plus its header would
    // take two 4 MiB regions. Blobs can still reach 50,000 blocks, ~196 GiB.
    private static final int BLOCK_SIZE = 4 * 1024 * 1024 - 64 * 1024;
    private static final int CONCURRENCY = 2;
    // Stage blocks while the caller reads the next one. Idle threads end after a minute; daemons, so an
    // upload in progress never keeps the process alive.
    private static final ExecutorService STAGING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "blob-block-staging");
        thread.setDaemon(true);
        return thread;
    });

    private final BlobContainerClient container;
    private final LinkSigner signer;
    private final Duration linkTtl;
    private final Clock clock;
    private final Object containerLock = new Object();
    private volatile boolean containerReady;

    OutputStore(BlobContainerClient container, LinkSigner signer, Duration linkTtl, Clock clock) {
        this.container = container;
        this.signer = signer;
        this.linkTtl = linkTtl;
        this.clock = clock;
    }

    /**
     * The store the settings describe: a connection string (account key, as for Azurite) when
     * OUTPUTS_STORAGE_CONNECTION_STRING is set, else OUTPUTS_STORAGE_ACCOUNT_URL with the app's identity.
     * Makes no request yet.
     *
     * @throws IllegalStateException naming the setting, when neither is set or a value is invalid
     */
    public static OutputStore fromSettings(Settings settings) {
        return fromSettings(settings, Clock.systemUTC());
    }

    /** As {@link #fromSettings(Settings)}, with the clock that dates links: a test's seam for links already expired. */
    public static OutputStore fromSettings(Settings settings, Clock clock) {
        return fromSettings(settings, clock, () -> AppCredential.fromSettings(settings));
    }

    /**
     * As {@link #fromSettings(Settings, Clock)}, signing in with the app's shared credential.
     *
     * @param credential asked for only when the store uses OUTPUTS_STORAGE_ACCOUNT_URL
     */
    public static OutputStore fromSettings(Settings settings, Clock clock, Supplier<TokenCredential> credential) {
        OutputSettings config = OutputSettings.from(settings);
        if (config.connectionString() != null) {
            BlobServiceClient service = StorageClients.withConnectionString(config.connectionString());
            return new OutputStore(service.getBlobContainerClient(config.container()), new AccountKeyLinkSigner(),
                    config.linkTtl(), clock);
        }
        BlobServiceClient service = StorageClients.withCredential(config.accountUrl(), credential.get());
        return new OutputStore(service.getBlobContainerClient(config.container()),
                new UserDelegationLinkSigner(service, clock, config.linkTtl()), config.linkTtl(), clock);
    }

    /**
     * Creates the container if it does not exist. Called by the first {@link #store}; after one success it
     * returns at once. Safe to call from many threads: only one creates.
     *
     * @throws OutputStoreException when the container cannot be created (the next call tries again)
     */
    public void ensureContainer() {
        if (containerReady) {
            return;
        }
        synchronized (containerLock) {
            if (!containerReady) {
                call("create the container '" + container.getBlobContainerName() + "'", container::createIfNotExists);
                containerReady = true;
            }
        }
    }

    /**
     * Uploads {@code length} bytes of {@code content} to {@code blobName}, checks that the blob has that
     * size, and returns a read-only link to it. Streams: memory use does not grow with the size. Replaces
     * a blob of the same name. Does not close {@code content}.
     *
     * @param blobName     the full name inside the container (see {@link BlobNames}); the caller vouches it is safe
     * @param downloadName the file name a browser shows and saves it under; any Unicode
     * @param contentType  its media type; {@code null} for application/octet-stream
     * @throws IllegalArgumentException when an argument is missing or malformed
     * @throws OutputStoreException     when Blob Storage fails, or {@code content} ends before {@code length} bytes
     */
    public StoredOutput store(String blobName, String downloadName, String contentType, InputStream content, long length) {
        if (blobName == null || blobName.isEmpty()) {
            throw new IllegalArgumentException("blobName must not be empty");
        }
        Objects.requireNonNull(content, "content == null");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        String type = contentType == null ? DEFAULT_CONTENT_TYPE : checkedContentType(contentType);
        String disposition = ContentDisposition.forDownload(downloadName, type);

        ensureContainer();
        BlobClient blob = container.getBlobClient(blobName);
        upload(blob, new ExactLengthInputStream(content, length), length,
                new BlobHttpHeaders().setContentType(type).setContentDisposition(disposition));
        long size = call("read back '" + blobName + "'", () -> blob.getProperties().getBlobSize());
        if (size != length) {
            throw new OutputStoreException(
                    "Blob Storage holds " + size + " bytes for '" + blobName + "', expected " + length);
        }
        OffsetDateTime expiry = signedExpiry();
        BlobServiceSasSignatureValues terms = readOnlyTerms(blob, expiry, type, disposition);
        String sas = call("sign a link to '" + blobName + "'", () -> signer.sign(blob, terms));
        return new StoredOutput(downloadName, blobName, size, type, readableUrl(blob) + "?" + sas, expiry.toInstant());
    }

    /**
     * Records that a session has started in the session's prefix, and says whether one had started there
     * before: a "new" session whose prefix already has a record is one that expired (the pool deleted it
     * with its files) and was created again. One request; only called when a call meets a fresh interpreter.
     *
     * @throws OutputStoreException when Blob Storage fails
     */
    public boolean recordSessionStart(String sessionPrefix) {
        ensureContainer();
        BlobClient marker = container.getBlobClient(sessionPrefix + "/.session");
        BinaryData now = BinaryData.fromString(clock.instant().toString());
        try {
            marker.upload(now, false);
            return false;
        } catch (BlobStorageException e) {
            if (!BlobErrorCode.BLOB_ALREADY_EXISTS.equals(e.getErrorCode())) {
                throw OutputStoreException.because("record a session start", container.getAccountUrl(), e);
            }
        }
        call("record a session start", () -> {
            marker.upload(now, true);
            return null;
        });
        return true;
    }

    private void upload(BlobClient blob, InputStream content, long length, BlobHttpHeaders headers) {
        try {
            BlockBlobClient blocks = blob.getBlockBlobClient();
            if (length <= BLOCK_SIZE) {
                BinaryData data = BinaryData.fromBytes(content.readNBytes((int) length));
                blocks.uploadWithResponse(new BlockBlobSimpleUploadOptions(data).setHeaders(headers), null, Context.NONE);
            } else {
                List<String> ids = stageBlocks(blocks, content, length);
                blocks.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(ids).setHeaders(headers), null, Context.NONE);
            }
        } catch (BlobStorageException e) {
            if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(e.getErrorCode())) {
                containerReady = false; // deleted behind our back: the next store creates it again
            }
            throw OutputStoreException.because("upload '" + blob.getBlobName() + "'", container.getAccountUrl(), e);
        } catch (IOException e) {
            throw OutputStoreException.because("upload '" + blob.getBlobName() + "'", container.getAccountUrl(),
                    new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw OutputStoreException.because("upload '" + blob.getBlobName() + "'", container.getAccountUrl(), e);
        }
    }

    /** Stages all of {@code content} as uncommitted blocks and returns their ids in order. */
    private static List<String> stageBlocks(BlockBlobClient blocks, InputStream content, long length) throws IOException {
        List<String> ids = new ArrayList<>();
        List<Future<?>> staged = new ArrayList<>();
        byte[][] buffers = new byte[CONCURRENCY][];
        try {
            for (long left = length; left > 0; ) {
                int block = ids.size();
                if (block >= CONCURRENCY) {
                    await(staged.get(block - CONCURRENCY)); // its buffer is free again
                }
                int size = (int) Math.min(BLOCK_SIZE, left);
                int slot = block % CONCURRENCY;
                if (buffers[slot] == null || buffers[slot].length != size) {
                    buffers[slot] = new byte[size]; // whole: BinaryData of a whole array is sent without a copy
                }
                byte[] buffer = buffers[slot];
                content.readNBytes(buffer, 0, size); // the exact-length stream fails if the content ends sooner
                left -= size;
                // Ids of one length, as the service requires within a blob; random, so blocks that another upload
                // to the same name stages are never mixed in.
                String id = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
                ids.add(id);
                // A task without a result: a finished one must not keep the response, whose request holds the buffer.
                staged.add(STAGING.submit(() -> {
                    blocks.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, BinaryData.fromBytes(buffer)), null, Context.NONE);
                }));
            }
            for (Future<?> f : staged) {
                await(f);
            }
            return ids;
        } finally {
            staged.forEach(f -> f.cancel(true)); // after a failure: stop the other block (uncommitted blocks expire)
        }
    }

    private static void await(Future<?> staging) {
        try {
            staging.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading", e);
        }
    }

    // Whole seconds: a SAS carries its times to the second, and expiresAt should match the link's.
    private OffsetDateTime signedExpiry() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plus(linkTtl);
    }

    private BlobServiceSasSignatureValues readOnlyTerms(BlobClient blob, OffsetDateTime expiry, String type,
            String disposition) {
        BlobServiceSasSignatureValues terms = new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true))
                .setStartTime(expiry.minus(linkTtl).minus(CLOCK_SKEW))
                // Also on the blob itself; in the link too, so the download keeps its name and type even if
                // the blob's properties are changed later.
                .setContentDisposition(disposition)
                .setContentType(type);
        if (blob.getBlobUrl().startsWith("https:")) {
            terms.setProtocol(SasProtocol.HTTPS_ONLY);
        }
        return terms;
    }

    // The SDK encodes the '/' in blob names as %2F, which the service accepts but which makes the link
    // opaque and makes tools that name a download after the URL (curl -O, wget) use "a%2Fb%2Fc.csv". The
    // name's own '%' is encoded as %25, so every %2F here stands for a '/'; the signature covers the
    // decoded name, so it holds either way.
    private static String readableUrl(BlobClient blob) {
        return blob.getBlobUrl().replace("%2F", "/");
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw OutputStoreException.because(action, container.getAccountUrl(), e);
        }
    }

    // The value becomes an HTTP header on the blob and in the link: ASCII without control characters.
    private static String checkedContentType(String contentType) {
        if (contentType.isBlank() || !contentType.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("contentType must be a printable ASCII media type, was '"
                    + contentType.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
        return contentType.strip();
    }
}
