"""Package installs in shell commands, for the guardrails (guard.py): RunShellCommand refuses a command that
would install packages, and a process the user's Python would start is reported as a package install when
its command is one. Installed first, under guard.py's module name plus "_shell".

Standard library only.
"""
import os
import re
import shlex

_WRAPPERS = frozenset(("sudo", "doas", "env", "nohup", "time", "command", "builtin", "exec", "nice", "ionice", "xargs",
                       "timeout", "stdbuf", "then", "do", "else", "if", "elif", "while", "until", "!", "{", "}"))
_SHELLS = frozenset(("bash", "sh", "dash", "zsh", "ksh"))
_SEPARATORS = frozenset((";", "&", "&&", "|", "||", "(", ")", "`", "\n", ";;", "|&", "$"))


def _words(command):
    lex = shlex.shlex(command, posix=True, punctuation_chars=";&|()`\n")
    lex.whitespace = " \t\r"
    lex.whitespace_split = True
    try:
        return list(lex)
    except ValueError:  # unbalanced quotes: the shell would refuse it, but look at the words anyway
        return re.findall(r"[^\s;&|()`]+|[;&|()`\n]", command)


def package_install(command, depth=0):
    """The package install a shell command would run, as (what, packages), or None.

    Looks at every simple command (after ;, &&, ||, |, newlines, subshells), past wrappers such as sudo,
    env and xargs, and into `bash -c '...'`; `echo pip install` or `grep "pip install" notes.md` is not one.
    """
    if depth > 5 or not command:
        return None
    current = []
    for word in _words(command) + [";"]:
        if word in _SEPARATORS:
            found = _simple_install(current, depth)
            if found:
                return found
            current = []
        else:
            current.append(word)
    return None


def _simple_install(words, depth):
    i = 0
    while i < len(words):
        word = words[i]
        if re.match(r"^[A-Za-z_]\w*=", word) or word == "$":
            i += 1
        elif word in _WRAPPERS:
            i += 1
            while i < len(words) and (words[i].startswith("-") or re.fullmatch(r"[\d.]+[smhd]?", words[i])):
                i += 1
        elif word == "eval":
            return package_install(" ".join(words[i + 1:]), depth + 1)
        else:
            break
    if i >= len(words):
        return None
    program, rest = os.path.basename(words[i]), words[i + 1:]
    if program in _SHELLS:
        for j, word in enumerate(rest[:-1]):
            if word.startswith("-") and "c" in word:
                return package_install(rest[j + 1], depth + 1)
        return None
    if re.fullmatch(r"pip[\d.]*|pipx", program):
        return _after(program + " install", rest, "install")
    if program == "uv" and rest[:1] == ["pip"]:
        return _after("uv pip install", rest[1:], "install")
    if program == "easy_install":
        return "easy_install", rest
    if re.fullmatch(r"python[\d.]*|py", program):
        return _python_install(rest)
    if program in ("conda", "mamba", "micromamba"):
        for verb in ("install", "create", "update"):
            if verb in rest:
                return _after(program + " " + verb, rest, verb)
        return None
    if program in ("apt", "apt-get", "aptitude", "dnf", "yum", "apk", "zypper"):
        for verb in ("install", "add"):
            if verb in rest:
                return _after(program + " " + verb, rest, verb)
    return None


def _python_install(rest):
    for j, word in enumerate(rest):
        if word == "-c":
            code = rest[j + 1] if j + 1 < len(rest) else ""
            return ("python -c pip install", []) if re.search(r"\bpip\b.*\binstall\b|ensurepip", code, re.S) else None
        module, tail = None, []
        if word == "-m" and j + 1 < len(rest):
            module, tail = rest[j + 1], rest[j + 2:]
        elif word.startswith("-m") and len(word) > 2:
            module, tail = word[2:], rest[j + 1:]
        if module == "ensurepip":
            return "python -m ensurepip", []
        if module == "pip":
            return _after("python -m pip install", tail, "install")
        if module is not None or not word.startswith("-"):
            return None  # another module, or a script
    return None


# Installer options whose value is a file, folder, URL or name, not a package.
_VALUE_OPTIONS = frozenset(("-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url",
                            "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "-n", "--name",
                            "-p", "--channel", "--file"))


def _after(what, rest, verb):
    """(what, the packages named after the verb), or None when the verb is not there."""
    if verb not in rest:
        return None
    packages, skip = [], False
    for word in rest[rest.index(verb) + 1:]:
        if skip or word.startswith("-"):
            skip = word in _VALUE_OPTIONS
            continue
        if "/" not in word and not word.startswith(".") and not word.endswith((".txt", ".whl", ".tar.gz", ".zip")):
            packages.append(word)
    return what, packages
