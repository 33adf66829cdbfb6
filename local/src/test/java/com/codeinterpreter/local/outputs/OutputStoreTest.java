package com.codeinterpreter.local.outputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.codeinterpreter.local.azurite.AzuriteProcess;
import com.codeinterpreter.local.e2e.ToolClient;
import com.codeinterpreter.outputs.BlobNames;
import com.codeinterpreter.outputs.OutputStore;
import com.codeinterpreter.outputs.OutputStoreException;
import com.codeinterpreter.outputs.StoredOutput;
import com.codeinterpreter.settings.Settings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link OutputStore} against a real Azurite: what a link grants, and what it does not. */
class OutputStoreTest {
    private static final String CONTAINER = "outputs-test";
    private static final int TTL_MINUTES = 30;

    private static AzuriteProcess azurite;
    private static OutputStore store;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAzurite() {
        azurite = AzuriteProcess.startInMemory(0);
        store = OutputStore.fromSettings(settings(azurite.connectionString()));
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void aCsvLinkServesTheExactBytesAsAnAttachmentWithoutOtherCredentials() throws Exception {
        byte[] csv = "city,temp\nOslo,-3\nLima,24\n".getBytes(StandardCharsets.UTF_8);
        StoredOutput out = store.store("s1/e1/weather.csv", "weather.csv", "text/csv", new ByteArrayInputStream(csv), csv.length);

        assertEquals("weather.csv", out.name());
        assertEquals("s1/e1/weather.csv", out.blobName());
        assertEquals(csv.length, out.size());
        assertEquals("text/csv", out.contentType());
        assertTrue(out.url().startsWith(azurite.blobEndpoint() + "/" + CONTAINER + "/s1/e1/weather.csv?"), out.url());

        HttpResponse<byte[]> response = get(out.url());
        assertEquals(200, response.statusCode());
        assertArrayEquals(csv, response.body());
        assertEquals("text/csv", header(response, "Content-Type"));
        assertEquals("attachment; filename=\"weather.csv\"; filename*=UTF-8''weather.csv", header(response, "Content-Disposition"));
    }

    @Test
    void aPngLinkIsShownInline() throws Exception {
        byte[] png = png();
        StoredOutput out = store.store("s1/e2/chart.png", "chart.png", "image/png", new ByteArrayInputStream(png), png.length);

        HttpResponse<byte[]> response = get(out.url());
        assertEquals(200, response.statusCode());
        assertArrayEquals(png, response.body());
        assertEquals("image/png", header(response, "Content-Type"));
        assertEquals("inline; filename=\"chart.png\"; filename*=UTF-8''chart.png", header(response, "Content-Disposition"));
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(response.body())).getWidth());
    }

    @Test
    void aNonAsciiDownloadNameSurvivesTheRoundTrip() throws Exception {
        String name = "Übersicht 2024 – 图表.csv";
        byte[] csv = "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8);
        String blobName = BlobNames.forSessionFile("s1", "e3", "berichte/" + name);
        StoredOutput out = store.store(blobName, name, "text/csv; charset=utf-8", new ByteArrayInputStream(csv), csv.length);
        assertEquals("s1/e3/berichte/%C3%9Cbersicht%202024%20%E2%80%93%20%E5%9B%BE%E8%A1%A8.csv", out.blobName());

        HttpResponse<byte[]> response = get(out.url());
        assertEquals(200, response.statusCode());
        String disposition = header(response, "Content-Disposition");
        assertEquals("attachment; filename=\"_bersicht 2024 _ __.csv\"; "
                + "filename*=UTF-8''%C3%9Cbersicht%202024%20%E2%80%93%20%E5%9B%BE%E8%A1%A8.csv", disposition);
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + "UTF-8''".length());
        assertEquals(name, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    @Test
    void theBlobWithoutTheSignatureIsRefused() throws Exception {
        StoredOutput out = storeText("s1/e4/secret.txt", "not public");

        String unsigned = out.url().substring(0, out.url().indexOf('?'));
        int status = get(unsigned).statusCode();
        assertTrue(status == 403 || status == 404, "status " + status);
    }

    @Test
    void theLinkCannotWrite() throws Exception {
        StoredOutput out = storeText("s1/e5/result.txt", "original");

        HttpResponse<String> put = ToolClient.sendAlone(HttpRequest.newBuilder(URI.create(out.url()))
                .header("x-ms-blob-type", "BlockBlob")
                .PUT(HttpRequest.BodyPublishers.ofString("overwritten")));
        assertEquals(403, put.statusCode(), put.body());
        assertEquals("original", new String(get(out.url()).body(), StandardCharsets.UTF_8));
    }

    @Test
    void theLinkIsReadOnlyAndExpiresAfterTheTtl() throws Exception {
        Instant before = Instant.now();
        StoredOutput out = storeText("s1/e6/x.txt", "x");
        Map<String, String> query = query(out.url());

        assertEquals("r", query.get("sp"));
        Instant expiry = Instant.parse(query.get("se"));
        assertEquals(out.expiresAt(), expiry);
        Duration ahead = Duration.between(before, expiry);
        assertTrue(ahead.compareTo(Duration.ofMinutes(TTL_MINUTES).minusSeconds(5)) > 0
                && ahead.compareTo(Duration.ofMinutes(TTL_MINUTES).plusSeconds(60)) < 0, "expires in " + ahead);
        assertTrue(Instant.parse(query.get("st")).isBefore(before), "starts at " + query.get("st"));
        assertFalse(query.containsKey("spr"), "Azurite is http, so the link must not demand https");
    }

    @Test
    void contentShorterThanTheGivenLengthIsNotStored() {
        OutputStoreException e = assertThrows(OutputStoreException.class, () -> store.store("s1/e7/short.bin", "short.bin",
                "application/octet-stream", new ByteArrayInputStream(new byte[10]), 20));
        assertTrue(e.getMessage().contains("the content ended early (content ended after 10 of 20 bytes)"), e.getMessage());
        assertFalse(container().getBlobClient("s1/e7/short.bin").exists());
    }

    @Test
    void aContainerDeletedBehindItsBackIsCreatedAgainByTheNextStore() {
        OutputStore own = OutputStore.fromSettings(Settings.of(Map.of(
                "OUTPUTS_STORAGE_CONNECTION_STRING", azurite.connectionString(), "OUTPUTS_CONTAINER", "outputs-deleted")));
        byte[] one = {1};
        own.store("a/1.bin", "1.bin", null, new ByteArrayInputStream(one), 1);
        service().getBlobContainerClient("outputs-deleted").delete();

        OutputStoreException e = assertThrows(OutputStoreException.class,
                () -> own.store("a/2.bin", "2.bin", null, new ByteArrayInputStream(one), 1));
        assertTrue(e.getMessage().endsWith("the service answered HTTP 404 ContainerNotFound"), e.getMessage());
        StoredOutput out = own.store("a/3.bin", "3.bin", null, new ByteArrayInputStream(one), 1);
        assertEquals("application/octet-stream", out.contentType());
    }

    @Test
    void aHundredMegabytesStreamWithoutBeingHeldInMemory() throws Exception {
        long length = 100L * 1024 * 1024;
        HeapSampler heap = new HeapSampler();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        long started = System.nanoTime();
        StoredOutput out;
        try (InputStream content = new DigestInputStream(new GeneratedStream(length, heap), sent)) {
            out = store.store("s1/e8/big.bin", "big.bin", "application/octet-stream", content, length);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long growthMb = heap.maxGrowth() / (1024 * 1024);
        System.out.printf("100 MiB upload: %d ms, heap growth after GC at most %d MiB over %d samples%n",
                took.toMillis(), growthMb, heap.samples());

        assertEquals(length, out.size());
        assertTrue(heap.samples() >= 10, "samples: " + heap.samples());
        assertTrue(growthMb < 64, "the upload held " + growthMb + " MiB of the content in memory");

        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(out.url())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream body = new DigestInputStream(download.body(), received)) {
            body.transferTo(OutputStream.nullOutputStream());
        }
        assertArrayEquals(sent.digest(), received.digest());
    }

    @Test
    void unreachableStorageFailsSoonWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String connectionString = azurite.connectionString().replace(":" + azurite.port() + "/", ":" + closedPort + "/");
        OutputStore unreachable = OutputStore.fromSettings(settings(connectionString));

        long started = System.nanoTime();
        OutputStoreException e = assertThrows(OutputStoreException.class, () -> unreachable.store("s/e/a.txt", "a.txt",
                "text/plain", new ByteArrayInputStream(new byte[1]), 1));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("unreachable storage failed after " + took.toMillis() + " ms: " + e.getMessage());

        assertEquals("Could not create the container '" + CONTAINER + "' in Blob Storage at http://127.0.0.1:" + closedPort
                + "/devstoreaccount1: the storage endpoint is unreachable (ConnectException)", e.getMessage());
        assertFalse(e.getMessage().contains(AzuriteProcess.ACCOUNT_KEY));
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
    }

    private static Settings settings(String connectionString) {
        return Settings.of(Map.of(
                "OUTPUTS_STORAGE_CONNECTION_STRING", connectionString,
                "OUTPUTS_CONTAINER", CONTAINER,
                "OUTPUTS_LINK_TTL_MINUTES", String.valueOf(TTL_MINUTES)));
    }

    private static StoredOutput storeText(String blobName, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        String name = blobName.substring(blobName.lastIndexOf('/') + 1);
        return store.store(blobName, name, "text/plain", new ByteArrayInputStream(bytes), bytes.length);
    }

    private static BlobContainerClient container() {
        return service().getBlobContainerClient(CONTAINER);
    }

    private static BlobServiceClient service() {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(new JdkHttpClientBuilder().build()).buildClient();
    }

    private static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 64, 32);
        g.setColor(Color.BLUE);
        g.fillOval(8, 4, 48, 24);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out));
        byte[] bytes = out.toByteArray();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
        return bytes;
    }
}
