using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// Assertions that a declaration cannot break a build: the generator neither throws (the harness fails on an exception)
/// nor reports RNNG015, and no error or warning lies inside a generated file. On top of that, a declaration either
/// compiles with nothing reported at all, or gets exactly the RNNG diagnostics (or, for mistakes the compiler itself
/// reports, exactly the compiler's errors) that say what to write.
/// </summary>
internal static class BuildSafety
{
    /// <summary>Generates for <paramref name="files"/> (usings added to each) and asserts the output itself is sound.</summary>
    public static GeneratorRun RunSound(params string[] files)
    {
        GeneratorRun run = GeneratorHarness.Run(files.Select(file => GeneratorHarness.Usings + file).ToArray());
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "RNNG015");
        Diagnostic[] inGenerated = run.Output.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && IsGenerated(diagnostic.Location.SourceTree))
            .ToArray();
        Assert.True(inGenerated.Length == 0, "Errors or warnings inside generated code:\n" + string.Join("\n", inGenerated.Take(10)));
        return run;
    }

    /// <summary>Asserts the declarations generate and compile with no diagnostic at all.</summary>
    public static GeneratorRun AssertCompilesCleanly(params string[] files)
    {
        GeneratorRun run = RunSound(files);
        Diagnostic[] problems = run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics).ToArray();
        Assert.True(problems.Length == 0, "Expected a clean build:\n" + string.Join("\n", problems.Take(10)));
        Assert.NotEmpty(run.Sources);
        return run;
    }

    /// <summary>
    /// Asserts the generator reports exactly <paramref name="ids"/> (as a multiset), each an error but RNNG008 and
    /// RNNG014, that nothing is generated when one is an error, and that the compiler reports nothing else.
    /// </summary>
    public static GeneratorRun AssertReported(string file, params string[] ids) => AssertReported(new[] { file }, ids);

    public static GeneratorRun AssertReported(string[] files, params string[] ids)
    {
        GeneratorRun run = RunSound(files);
        Assert.Equal(ids.OrderBy(id => id), run.GeneratorDiagnostics.Select(diagnostic => diagnostic.Id).OrderBy(id => id));
        if (run.GeneratorDiagnostics.Any(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error))
        {
            Assert.Empty(run.Sources);
            // With nothing generated the user's own code may miss members, but it must have no other complaint here.
        }
        else
        {
            Assert.Empty(run.CompilationDiagnostics);
        }
        return run;
    }

    /// <summary>Asserts the compiler reports exactly <paramref name="compilerIds"/> (in the user's files) and the generator nothing.</summary>
    public static GeneratorRun AssertOnlyCompilerErrors(string file, params string[] compilerIds)
    {
        GeneratorRun run = RunSound(file);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(compilerIds.OrderBy(id => id), run.CompilationDiagnostics.Select(diagnostic => diagnostic.Id).OrderBy(id => id));
        return run;
    }

    private static bool IsGenerated(SyntaxTree? tree) =>
        tree is not null && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal);
}
