package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codeinterpreter.deploy.BicepDeclarations.Declaration;
import com.codeinterpreter.deploy.ResourceTypeChecker.AcceptedValue;
import com.codeinterpreter.deploy.ResourceTypeChecker.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline type check of infra/ against the Azure resource type schemas (test resources
 * azure-resource-types/), and the check's own behaviour on small templates: a misspelt property, a value
 * outside an enum, a read-only or missing required property each fail it.
 */
class ResourceTypeCheckTest {

    /**
     * Values outside an extensible enum's known values that the templates use on purpose. Empty today:
     * an entry needs the reason ARM takes the value.
     */
    static final List<AcceptedValue> ACCEPTED_VALUES = List.of();

    private static final ResourceTypeChecker CHECKER = new ResourceTypeChecker(ACCEPTED_VALUES);

    @TempDir
    Path dir;

    @Test
    void everyInfraResourceMatchesItsAzureResourceType() {
        List<Declaration> declarations = BicepDeclarations.of(BicepSource.infraFiles());
        assertTrue(declarations.size() >= 15, "the parse found too few resources to be the infra: " + declarations);

        List<Problem> problems = CHECKER.check(declarations);

        assertEquals("", lines(problems), "infra/ does not match the Azure resource types");
    }

    @Test
    void everyDeclaredTypeIsFoundByTheParse() {
        long declared = BicepSource.infraResources().size();

        assertEquals(declared, BicepDeclarations.of(BicepSource.infraFiles()).size(),
                "the tree-sitter parse and the source scan disagree on how many resources infra/ declares");
    }

    @Test
    void aMisspeltPropertyFailsWithTheNameItMeant() throws IOException {
        List<Problem> problems = check(storageAccount("allowSharedKeyAcess: false"));

        assertEquals(1, problems.size(), lines(problems));
        String problem = problems.get(0).toString();
        assertTrue(problem.contains("properties: has no property 'allowSharedKeyAcess': did you mean 'allowSharedKeyAccess'?"),
                problem);
        assertTrue(problem.contains("template.bicep:9:"), "the line of the misspelt property: " + problem);
    }

    @Test
    void aValueOutsideAClosedEnumFails() throws IOException {
        List<Problem> problems = check(storageAccount("accessTier: 'Warm'"));

        assertEquals(List.of("properties.accessTier: 'Warm' is not one of [Hot, Cool, Premium, Cold]"), messages(problems));
    }

    @Test
    void aValueOutsideAnExtensibleEnumsKnownValuesFailsUnlessAcceptedWithAReason() throws IOException {
        Path template = storageAccount("minimumTlsVersion: 'TLS1_4'");

        assertEquals(List.of("properties.minimumTlsVersion: 'TLS1_4' is not one of the known values"
                        + " [TLS1_0, TLS1_1, TLS1_2, TLS1_3]; if ARM takes it, list it as an accepted value with the reason"),
                messages(check(template)));
        AcceptedValue accepted = new AcceptedValue("Microsoft.Storage/storageAccounts@2023-05-01",
                "properties.minimumTlsVersion", "TLS1_4", "a test of the accepted list");
        assertEquals(List.of(), new ResourceTypeChecker(List.of(accepted)).check(BicepDeclarations.of(List.of(template))));
    }

    @Test
    void theWrongCaseOfAnEnumValueIsNamed() throws IOException {
        assertEquals(List.of("properties.accessTier: 'hot' is not one of [Hot, Cool, Premium, Cold]: did you mean 'Hot'?"),
                messages(check(storageAccount("accessTier: 'hot'"))));
    }

    @Test
    void aLiteralOfTheWrongTypeFails() throws IOException {
        assertEquals(List.of("properties.allowSharedKeyAccess: expected true or false, found the string 'false'"),
                messages(check(storageAccount("allowSharedKeyAccess: 'false'"))));
    }

    @Test
    void settingAReadOnlyPropertyFails() throws IOException {
        assertEquals(List.of("properties.primaryEndpoints: is read-only: ARM sets it, a template cannot"),
                messages(check(storageAccount("primaryEndpoints: {}"))));
    }

    @Test
    void aMissingRequiredPropertyFails() throws IOException {
        Path template = write("""
                param poolId string
                resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
                  name: guid(poolId)
                  properties: {
                    roleDefinitionId: 'x'
                  }
                }
                """);

        assertEquals(List.of("properties: the required property 'principalId' is missing"), messages(check(template)));
    }

    @Test
    void expressionsAreLeftToArm() throws IOException {
        assertEquals(List.of(), check(storageAccount("minimumTlsVersion: tls ? 'TLS1_2' : 'TLS9'\n    accessTier: '${tier}'")));
    }

    @Test
    void aTypeOrApiVersionWithoutASchemaFails() throws IOException {
        Path template = write("""
                resource storage 'Microsoft.Storage/storageAccounts@2099-01-01' = {
                  name: 'st'
                }
                """);

        assertEquals(List.of("no schema for Microsoft.Storage/storageAccounts@2099-01-01 in the test resources"
                + " (azure-resource-types/): copy it there, or use a type@apiVersion that has one"), messages(check(template)));
    }

    @Test
    void aNameDiscriminatedChildIsCheckedAgainstItsVariant() throws IOException {
        Path template = write("""
                resource app 'Microsoft.Web/sites@2024-04-01' existing = {
                  name: 'app'
                }
                resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
                  parent: app
                  name: 'ftp'
                  properties: {
                    allowed: false
                  }
                }
                resource sftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
                  parent: app
                  name: 'sftp'
                  properties: {
                    allow: false
                  }
                }
                """);

        List<String> messages = messages(check(template));

        assertEquals(3, messages.size(), String.join("\n", messages));
        assertTrue(messages.contains("properties: has no property 'allowed': did you mean 'allow'?"), messages.toString());
        assertTrue(messages.contains("properties: the required property 'allow' is missing"), messages.toString());
        assertTrue(messages.contains("name: 'sftp' is none of this type's variants [ftp, scm]"), messages.toString());
    }

    @Test
    void aNestedChildTakesItsTypeFromItsParent() throws IOException {
        Path template = write("""
                resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
                  name: 'st'
                  resource blobs 'blobServices' = {
                    name: 'default'
                    properties: {
                      isVersioningEnabeld: true
                    }
                  }
                }
                """);

        List<Problem> problems = check(template);

        assertEquals(1, problems.size(), lines(problems));
        assertTrue(problems.get(0).toString().contains(
                "blobs (Microsoft.Storage/storageAccounts/blobServices@2023-05-01) properties: has no property 'isVersioningEnabeld'"
                        + ": did you mean 'isVersioningEnabled'?"), problems.get(0).toString());
    }

    /** A valid storage account with one more line in its properties. */
    private Path storageAccount(String extraProperty) throws IOException {
        return write("""
                param tls bool
                param tier string
                resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
                  name: 'st'
                  location: 'westeurope'
                  kind: 'StorageV2'
                  sku: { name: 'Standard_LRS' }
                  properties: {
                    %s
                  }
                }
                """.formatted(extraProperty));
    }

    private Path write(String bicep) throws IOException {
        Path file = dir.resolve("template.bicep");
        Files.writeString(file, bicep);
        return file;
    }

    private static List<Problem> check(Path template) {
        return CHECKER.check(BicepDeclarations.of(List.of(template)));
    }

    /** The problems without their file, line and resource: the part each test is about. */
    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(p -> (p.path().isEmpty() ? "" : p.path() + ": ") + p.message()).toList();
    }

    private static String lines(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
