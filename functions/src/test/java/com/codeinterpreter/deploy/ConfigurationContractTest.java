package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.codeinterpreter.deploy.BicepSource.Resource;
import com.codeinterpreter.settings.Setting;
import com.codeinterpreter.settings.Setting.Need;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the {@link Setting} enum, local.settings.sample.json and the Bicep app settings in step: a
 * setting the code reads but no environment provides, or one provided but no longer read, fails here.
 */
class ConfigurationContractTest {

    /** Keys the Functions host itself reads locally. */
    private static final Set<String> HOST_LOCAL_SETTINGS = Set.of("FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage");

    /** App settings the deployment sets for the host and platform rather than for our code. */
    private static final Set<String> HOST_AZURE_SETTINGS = Set.of(
            "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");

    /** Flex Consumption takes the runtime from functionAppConfig and rejects these app settings. */
    private static final Set<String> NOT_ON_FLEX = Set.of(
            "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "AzureWebJobsStorage");

    private final Set<String> local = localSampleKeys();
    private final Set<String> azure = bicepAppSettingNames();

    @Test
    void localSampleHasEverySettingTheLocalRunNeeds() {
        for (Setting s : settings(Need.REQUIRED, Need.OPTIONAL, Need.LOCAL_ONLY)) {
            assertTrue(local.contains(s.name()), s + " (" + s.need() + ") is missing from local.settings.sample.json");
        }
        assertEquals(Set.of(Setting.SESSION_POOL_ENDPOINT.name()), intersect(local, settings(Need.ONE_OF_POOL)),
                "locally the pool is located by SESSION_POOL_ENDPOINT, and by exactly one setting");
    }

    @Test
    void bicepSetsEverySettingTheAzureRunNeeds() {
        for (Setting s : settings(Need.REQUIRED, Need.OPTIONAL, Need.AZURE_ONLY)) {
            assertTrue(azure.contains(s.name()), s + " (" + s.need() + ") is not an app setting in infra/");
        }
        assertEquals(Set.of(Setting.SESSION_POOL_ENDPOINT.name()), intersect(azure, settings(Need.ONE_OF_POOL)),
                "in Azure the pool is located by SESSION_POOL_ENDPOINT, and by exactly one setting");
    }

    @Test
    void localOnlyAndPlatformSettingsAreNeverDeployed() {
        for (Setting s : settings(Need.LOCAL_ONLY, Need.PLATFORM)) {
            assertFalse(azure.contains(s.name()), s + " (" + s.need() + ") must not be set by the Bicep");
        }
    }

    @Test
    void azureOnlyAndPlatformSettingsStayOutOfTheLocalSample() {
        for (Setting s : settings(Need.AZURE_ONLY, Need.PLATFORM)) {
            assertFalse(local.contains(s.name()), s + " (" + s.need() + ") must not be in local.settings.sample.json");
        }
    }

    @Test
    void localSampleHasNoStaleKeys() {
        Set<String> stale = new TreeSet<>(local);
        stale.removeAll(names(EnumSet.allOf(Need.class)));
        stale.removeAll(HOST_LOCAL_SETTINGS);
        assertEquals(Set.of(), stale, "keys in local.settings.sample.json that no Setting declares");
    }

    @Test
    void bicepHasNoStaleAppSettings() {
        Set<String> stale = new TreeSet<>(azure);
        stale.removeAll(names(EnumSet.allOf(Need.class)));
        stale.removeAll(HOST_AZURE_SETTINGS);
        assertEquals(Set.of(), stale, "app settings in infra/ that are neither a Setting nor a host setting");
        assertEquals(Set.of(), intersect(azure, NOT_ON_FLEX), "settings a Flex Consumption app must not have");
    }

    private static List<Setting> settings(Need... needs) {
        Set<Need> wanted = EnumSet.copyOf(Arrays.asList(needs));
        return Arrays.stream(Setting.values()).filter(s -> wanted.contains(s.need())).toList();
    }

    private static Set<String> names(Set<Need> needs) {
        return Arrays.stream(Setting.values()).filter(s -> needs.contains(s.need())).map(Setting::name)
                .collect(Collectors.toSet());
    }

    private static Set<String> intersect(Set<String> keys, Iterable<?> candidates) {
        Set<String> both = new TreeSet<>();
        for (Object c : candidates) {
            if (keys.contains(c.toString())) {
                both.add(c.toString());
            }
        }
        return both;
    }

    private static Set<String> localSampleKeys() {
        try {
            JsonNode sample = new ObjectMapper().readTree(BicepSource.repoRoot().resolve("local.settings.sample.json").toFile());
            assertFalse(sample.path("IsEncrypted").asBoolean(true), "IsEncrypted must be false in the sample");
            JsonNode values = sample.path("Values");
            assertTrue(values.isObject() && values.size() > 0, "local.settings.sample.json has no Values");
            Set<String> keys = new TreeSet<>();
            values.fieldNames().forEachRemaining(keys::add);
            return keys;
        } catch (IOException e) {
            return fail("cannot read local.settings.sample.json", e);
        }
    }

    /** Names in the function app's siteConfig.appSettings array: its {@code { name: 'X', value: ... }} entries. */
    private static Set<String> bicepAppSettingNames() {
        List<Resource> apps = BicepSource.infraResources().stream()
                .filter(r -> r.isOfType("Microsoft.Web/sites") && !r.existing())
                .toList();
        assertEquals(1, apps.size(), "expected one function app in infra/");
        String appSettings = BicepSource.block(apps.get(0).body(), "siteConfig")
                .flatMap(siteConfig -> BicepSource.block(siteConfig, "appSettings"))
                .orElseThrow(() -> new AssertionError(
                        "the function app has no siteConfig.appSettings array; update this test if they moved"));

        List<String> names = new ArrayList<>();
        for (String entry : BicepSource.objectsIn(appSettings)) {
            String name = BicepSource.value(entry, "name")
                    .orElseThrow(() -> new AssertionError("app setting without a name: {" + entry + "}"));
            if (!name.matches("'[A-Za-z0-9_]+'")) {
                fail("app setting names must be literal strings, was " + name);
            }
            names.add(name.substring(1, name.length() - 1));
        }
        Set<String> unique = new LinkedHashSet<>(names);
        assertEquals(names.size(), unique.size(), "duplicate app setting names: " + names);
        assertFalse(unique.isEmpty(), "no app settings found");
        return unique;
    }
}
