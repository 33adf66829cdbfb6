package com.codeinterpreter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.codeinterpreter.deploy.BicepDeclarations.ModuleCall;
import com.codeinterpreter.deploy.BicepDeclarations.ParamKey;
import com.codeinterpreter.deploy.BicepDeclarations.Parameter;
import com.codeinterpreter.deploy.BicepDeclarations.Template;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every module call passes only parameters its module declares, and every parameter the module has no
 * default for: the mistake a renamed parameter makes, which the resource type check cannot see.
 */
class ModuleParameterTest {

    @TempDir
    Path dir;

    @Test
    void everyInfraModuleCallMatchesItsModulesParameters() {
        List<Template> templates = BicepDeclarations.templates(BicepSource.infraFiles());

        assertEquals(List.of(), problems(templates));
    }

    @Test
    void anUnknownOrMissingParameterFails() throws IOException {
        Files.createDirectories(dir.resolve("modules"));
        Path module = dir.resolve("modules/pool.bicep");
        Files.writeString(module, """
                param name string
                param location string
                param tags object = {}
                """);
        Path main = dir.resolve("main.bicep");
        Files.writeString(main, """
                module pool 'modules/pool.bicep' = {
                  name: 'pool'
                  params: {
                    name: 'sp'
                    locaton: 'westeurope'
                  }
                }
                """);

        List<String> problems = problems(BicepDeclarations.templates(List.of(main, module)));

        assertEquals(List.of(
                main + ":5: module pool passes 'locaton', which modules/pool.bicep does not declare (it has [location, name, tags])",
                main + ":1: module pool does not pass 'location', which modules/pool.bicep needs (no default)"), problems);
    }

    private static List<String> problems(List<Template> templates) {
        Map<Path, Template> byFile = templates.stream()
                .collect(Collectors.toMap(t -> t.file().toAbsolutePath().normalize(), Function.identity()));
        List<String> problems = new ArrayList<>();
        for (Template caller : templates) {
            for (ModuleCall call : caller.modules()) {
                Path target = caller.file().toAbsolutePath().getParent().resolve(call.path()).normalize();
                Template module = byFile.get(target);
                if (module == null) {
                    problems.add(caller.file() + ":" + call.line() + ": module " + call.symbol() + " names "
                            + call.path() + ", which is not among the checked files");
                } else if (call.params() != null) {
                    problems.addAll(mismatches(caller.file(), call, module.parameters()));
                }
            }
        }
        return problems;
    }

    private static List<String> mismatches(Path callerFile, ModuleCall call, List<Parameter> declared) {
        Set<String> names = declared.stream().map(Parameter::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> passed = call.params().stream().map(ParamKey::key).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (ParamKey key : call.params()) {
            if (key.key() != null && !names.contains(key.key())) {
                problems.add(callerFile + ":" + key.line() + ": module " + call.symbol() + " passes '" + key.key()
                        + "', which " + call.path() + " does not declare (it has " + names + ")");
            }
        }
        for (Parameter parameter : declared) {
            if (!parameter.hasDefault() && !passed.contains(parameter.name())) {
                problems.add(callerFile + ":" + call.line() + ": module " + call.symbol() + " does not pass '"
                        + parameter.name() + "', which " + call.path() + " needs (no default)");
            }
        }
        return problems;
    }
}
