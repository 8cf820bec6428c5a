using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RnnGen.Generators;

namespace RnnGen.Tests.Generator;

/// <summary>What one in-process run of the generator produced.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<(string HintName, string Source)> Sources)
{
    /// <summary>Errors and warnings of compiling the user's code together with what the generator added.</summary>
    public ImmutableArray<Diagnostic> CompilationDiagnostics =>
        Output.GetDiagnostics().Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
}

/// <summary>Runs <see cref="RecurrentNetworkGenerator"/> in-process on source text, against .NET 10 reference assemblies (no downloads).</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The .NET 10 reference assemblies and RnnGen's runtime library.</summary>
    public static readonly MetadataReference[] References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(ReferenceNetwork<>).Assembly.Location))
        .ToArray();

    public const string Usings = "using System;\nusing System.Numerics;\nusing RnnGen;\n";

    public static CSharpCompilation CreateCompilation(string source, string assemblyName = "Networks") =>
        CreateCompilation(new[] { source }, assemblyName);

    /// <summary>A compilation of several files: Networks.cs, then Networks2.cs, Networks3.cs, …</summary>
    public static CSharpCompilation CreateCompilation(string[] sources, string assemblyName = "Networks") =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: index == 0 ? "Networks.cs" : $"Networks{index + 1}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable, deterministic: true));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new RecurrentNetworkGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(string source, bool trackSteps = false) => Run(new[] { source }, trackSteps);

    public static GeneratorRun Run(string[] files, bool trackSteps = false)
    {
        CSharpCompilation input = CreateCompilation(files);
        GeneratorDriver driver = CreateDriver(trackSteps).RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
            throw new InvalidOperationException("The generator threw.", result.Exception);
        var sources = result.GeneratedSources.Select(generated => (generated.HintName, generated.SourceText.ToString())).ToImmutableArray();
        return new GeneratorRun(driver, input, output, diagnostics, sources);
    }

    /// <summary>What the analyzers shipped beside the generator report on <paramref name="compilation"/>.</summary>
    public static ImmutableArray<Diagnostic> AnalyzerDiagnostics(Compilation compilation) =>
        compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TokenOverloadAnalyzer()))
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

    /// <summary>Generates, compiles with zero errors and warnings required, and loads the assembly into this process.</summary>
    public static Assembly CompileAndLoad(string source, string assemblyName)
    {
        GeneratorRun run = Run(source);
        Diagnostic[] problems = run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics).ToArray();
        if (problems.Length > 0)
            throw new InvalidOperationException("The generated networks do not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
        using var image = new MemoryStream();
        Compilation compilation = run.Output.WithAssemblyName(assemblyName);
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", emitted.Diagnostics.Take(20)));
        return Assembly.Load(image.ToArray());
    }
}
