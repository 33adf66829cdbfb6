package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.deploy.BicepSource.Resource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The security and runtime choices the deployment must keep, checked on the Bicep source. */
class BicepStructureTest {

    private static final String SESSION_EXECUTOR_ROLE = "0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0";
    private static final String QUEUE_DATA_CONTRIBUTOR_ROLE = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private static final String SECRETS_USER_ROLE = "4633458b-17de-408a-b874-0445c86b69e6";
    private static final Path MAIN = BicepSource.repoRoot().resolve("infra/main.bicep");

    private final List<Resource> resources = BicepSource.infraResources();

    @Test
    void sessionPoolRunsPythonWithoutNetworkEgress() {
        String pool = declared("Microsoft.App/sessionPools").body();

        assertEquals(Optional.of("'PythonLTS'"), BicepSource.value(pool, "containerType"));
        assertEquals(Optional.of("'Dynamic'"), BicepSource.value(pool, "poolManagementType"));
        assertEquals(Optional.of("'Timed'"), BicepSource.value(pool, "lifecycleType"));
        String network = BicepSource.block(pool, "sessionNetworkConfiguration").orElseThrow();
        assertEquals(Optional.of("'EgressDisabled'"), BicepSource.value(network, "status"));
    }

    @Test
    void functionIdentityIsSessionExecutorOnThePool() {
        List<Resource> executorAssignments = resources.stream()
                .filter(r -> r.isOfType("Microsoft.Authorization/roleAssignments"))
                .filter(r -> referencesRole(r, SESSION_EXECUTOR_ROLE))
                .toList();
        assertFalse(executorAssignments.isEmpty(), "no role assignment uses Session Executor " + SESSION_EXECUTOR_ROLE);

        for (Resource assignment : executorAssignments) {
            String scope = BicepSource.value(assignment.body(), "scope").orElseThrow();
            Resource scoped = symbol(assignment.file(), scope);
            assertTrue(scoped.isOfType("Microsoft.App/sessionPools"),
                    assignment.symbol() + " is scoped to " + scoped.type() + ", not the session pool");
        }
        assertTrue(executorAssignments.stream().anyMatch(a ->
                        BicepSource.value(a.body(), "principalType").orElse("").equals("'ServicePrincipal'")),
                "the function app's identity (a service principal) must get Session Executor");
    }

    @Test
    void storageAcceptsOnlyEntraIdAndNoAnonymousReads() {
        String storage = declared("Microsoft.Storage/storageAccounts").body();

        assertEquals(Optional.of("false"), BicepSource.value(storage, "allowSharedKeyAccess"));
        assertEquals(Optional.of("false"), BicepSource.value(storage, "allowBlobPublicAccess"));
        assertEquals(Optional.of("'TLS1_2'"), BicepSource.value(storage, "minimumTlsVersion"));
    }

    @Test
    void outputsExpireThroughALifecycleRuleOnTheOutputsContainerOnly() {
        String policy = declared("Microsoft.Storage/storageAccounts/managementPolicies").body();

        assertTrue(BicepSource.value(policy, "daysAfterModificationGreaterThan").isPresent(), policy);
        String prefixes = BicepSource.block(policy, "prefixMatch").orElseThrow();
        assertTrue(prefixes.contains("${outputsContainerName}/"), "rule must be limited to the outputs container");
    }

    @Test
    void functionAppIsHttpsOnlyOnJava17WithModernTls() {
        String app = declared("Microsoft.Web/sites").body();

        assertEquals(Optional.of("true"), BicepSource.value(app, "httpsOnly"));
        assertEquals(Optional.of("'1.2'"), BicepSource.value(app, "minTlsVersion"));
        String runtime = BicepSource.block(app, "runtime").orElseThrow();
        assertEquals(Optional.of("'java'"), BicepSource.value(runtime, "name"));
        assertEquals(Optional.of("'17'"), BicepSource.value(runtime, "version"));
        assertTrue(app.contains("'azd-service-name': 'api'"), "azd finds the app by the azd-service-name tag");
        String planSku = BicepSource.block(declared("Microsoft.Web/serverfarms").body(), "sku").orElseThrow();
        assertEquals(Optional.of("'FC1'"), BicepSource.value(planSku, "name"));
        assertEquals(Optional.of("'FlexConsumption'"), BicepSource.value(planSku, "tier"));
    }

    @Test
    void ftpAndScmBasicAuthenticationAreOff() {
        List<Resource> policies = resources.stream()
                .filter(r -> r.isOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"))
                .toList();

        Set<String> disabled = policies.stream()
                .filter(p -> BicepSource.value(p.body(), "allow").orElse("").equals("false"))
                .map(p -> BicepSource.value(p.body(), "name").orElse(""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("'ftp'", "'scm'"), disabled);
    }

    @Test
    void applicationInsightsRejectsKeyOnlyIngestion() {
        String insights = declared("Microsoft.Insights/components").body();

        assertEquals(Optional.of("true"), BicepSource.value(insights, "DisableLocalAuth"));
    }

    @Test
    void mainTemplateCreatesTheResourceGroupAndExportsWhatAzdStores() {
        String main = BicepSource.withoutComments(BicepSource.read(BicepSource.repoRoot().resolve("infra/main.bicep")));

        assertTrue(main.contains("targetScope = 'subscription'"), "main.bicep must be subscription scoped");
        assertTrue(resources.stream().anyMatch(r -> r.isOfType("Microsoft.Resources/resourceGroups")));
        for (String output : List.of("AZURE_FUNCTION_APP_NAME", "AZURE_FUNCTION_APP_URL", "SESSION_POOL_ENDPOINT",
                "AZURE_RESOURCE_GROUP", "OUTPUTS_STORAGE_ACCOUNT_URL")) {
            assertTrue(Pattern.compile("(?m)^output " + output + " string = ").matcher(main).find(),
                    "main.bicep does not output " + output);
        }
    }

    @Test
    void templatesBuildOfflineWithoutRegistryModules() {
        Pattern registryModule = Pattern.compile("\\bmodule\\s+\\w+\\s+'(br[:/]|ts[:/])");
        for (Path file : BicepSource.infraFiles()) {
            String text = BicepSource.withoutComments(BicepSource.read(file));
            assertFalse(registryModule.matcher(text).find(), file + " uses a registry module");
        }
    }

    @Test
    void functionIdentityHasQueueDataOnTheHostStorageForTheMcpExtension() {
        assertTrue(appIdentityHolds(QUEUE_DATA_CONTRIBUTOR_ROLE, "Microsoft.Storage/storageAccounts"),
                "the app's identity needs Storage Queue Data Contributor on the host storage account");
    }

    @Test
    void sessionIdSecretIsAKeyVaultReferenceTheAppIdentityMayRead() {
        String app = declared("Microsoft.Web/sites").body();
        String setting = BicepSource.objectsIn(BicepSource.block(app, "appSettings").orElseThrow()).stream()
                .filter(s -> BicepSource.value(s, "name").orElse("").equals("'SESSION_ID_SECRET'"))
                .findFirst().orElseThrow();
        assertTrue(BicepSource.value(setting, "value").orElse("").startsWith("'@Microsoft.KeyVault(SecretUri=${"),
                "SESSION_ID_SECRET must be a Key Vault reference: " + setting);
        assertEquals(Optional.of("identityId"), BicepSource.value(app, "keyVaultReferenceIdentity"),
                "the reference is resolved with the user-assigned identity");

        assertEquals(Optional.of("true"), BicepSource.value(declared("Microsoft.KeyVault/vaults").body(), "enableRbacAuthorization"));
        assertTrue(appIdentityHolds(SECRETS_USER_ROLE, "Microsoft.KeyVault/vaults/secrets"),
                "the app's identity needs Key Vault Secrets User on the secret");
    }

    @Test
    void sessionIdSecretIsGeneratedOnceByAzdNotPerDeployment() {
        String main = BicepSource.withoutComments(BicepSource.read(MAIN));
        Matcher param = Pattern.compile("((?:@[^\\n]*\\n)*)param sessionIdSecret string([^\\n]*)").matcher(main);
        assertTrue(param.find(), "main.bicep has no sessionIdSecret parameter");
        assertTrue(param.group(1).contains("azd: { type: 'generate'"), "azd must generate and keep it: " + param.group(1));
        assertEquals("", param.group(2).trim(), "a default (such as newGuid()) would change the secret on every deployment");
        assertTrue(param.group(1).contains("@minLength(32)"), param.group(1));
    }

    @Test
    void principalTypeComesFromTheAzdEnvironmentAndDefaultsToUser() throws IOException {
        JsonNode parameters = new ObjectMapper().readTree(BicepSource.repoRoot().resolve("infra/main.parameters.json").toFile());

        assertEquals("${AZURE_PRINCIPAL_TYPE=User}", parameters.path("parameters").path("principalType").path("value").asText());
    }

    @Test
    void contributorOnThePoolIsOffByDefault() {
        String main = BicepSource.withoutComments(BicepSource.read(MAIN));

        assertTrue(main.contains("param assignSessionPoolContributor bool = false"), "Session Executor is what the docs ask for");
    }

    @Test
    void outputLinkTtlIsCappedWhereTheAppCapsIt() throws ReflectiveOperationException {
        Field max = Class.forName("com.codeinterpreter.outputs.OutputSettings").getDeclaredField("MAX_LINK_TTL_MINUTES");
        max.setAccessible(true);
        String main = BicepSource.withoutComments(BicepSource.read(MAIN));

        assertTrue(main.contains("@maxValue(" + max.getInt(null) + ")\n@description('Minutes an output link (SAS URL) stays valid.')\n"
                + "param outputsLinkTtlMinutes int"), "outputsLinkTtlMinutes must be capped at the app's limit " + max.getInt(null));
    }

    @Test
    void locationIsLimitedToRegionsWithFlexConsumptionAndDynamicSessions() {
        String main = BicepSource.withoutComments(BicepSource.read(MAIN));
        Matcher allowed = Pattern.compile("@allowed\\(\\[([^\\]]*)\\]\\)\\s*(?:@[^\\n]*\\n\\s*)*param location string").matcher(main);

        assertTrue(allowed.find(), "main.bicep's location has no @allowed list");
        List<String> regions = Pattern.compile("'([a-z0-9]+)'").matcher(allowed.group(1)).results().map(r -> r.group(1)).toList();
        assertTrue(regions.contains("swedencentral") && regions.contains("eastus"), regions.toString());
        assertFalse(regions.contains("southcentralus"), "dynamic sessions are not offered in southcentralus");
    }

    /** The one resource of this type the templates create (not an {@code existing} reference). */
    private Resource declared(String type) {
        List<Resource> found = resources.stream().filter(r -> r.isOfType(type) && !r.existing()).toList();
        assertEquals(1, found.size(), "expected exactly one " + type + " resource, found " + found.size());
        return found.get(0);
    }

    private Resource symbol(Path file, String name) {
        return BicepSource.resources(file).stream()
                .filter(r -> r.symbol().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no resource '" + name + "' in " + file));
    }

    /** True when some assignment gives the app's identity the role on a resource of the type. */
    private boolean appIdentityHolds(String roleId, String scopeType) {
        return resources.stream()
                .filter(r -> r.isOfType("Microsoft.Authorization/roleAssignments"))
                .filter(r -> referencesRole(r, roleId))
                .filter(r -> BicepSource.value(r.body(), "principalId").orElse("").equals("identityPrincipalId"))
                .anyMatch(r -> symbol(r.file(), BicepSource.value(r.body(), "scope").orElseThrow()).isOfType(scopeType));
    }

    /** True when the assignment's roleDefinitionId names the role, directly or through a var. */
    private static boolean referencesRole(Resource assignment, String roleId) {
        String roleDefinition = BicepSource.value(assignment.body(), "roleDefinitionId").orElse("");
        if (roleDefinition.contains(roleId)) {
            return true;
        }
        String text = BicepSource.withoutComments(BicepSource.read(assignment.file()));
        Matcher vars = Pattern.compile("(?m)^var (\\w+) = '" + Pattern.quote(roleId) + "'").matcher(text);
        while (vars.find()) {
            if (Pattern.compile("\\b" + vars.group(1) + "\\b").matcher(roleDefinition).find()) {
                return true;
            }
        }
        return false;
    }
}
