using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// Runs a code fix the way an IDE does, offline: the files go into a project of an <see cref="AdhocWorkspace"/> (with
/// the same .NET 10 reference assemblies as <see cref="GeneratorHarness"/>), the generator runs on its compilation,
/// the provider is asked for fixes for the one diagnostic with the given id, and the chosen fix's operations (with the
/// simplification and formatting an IDE applies afterwards) give the changed files. Microsoft.CodeAnalysis.Testing
/// would resolve its reference assemblies from a package feed at test time; this needs nothing outside the test run.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>The titles of the fixes <paramref name="provider"/> offers for the diagnostic <paramref name="id"/> on <paramref name="files"/>.</summary>
    public static string[] Titles(CodeFixProvider provider, string id, params string[] files)
    {
        (Solution solution, Diagnostic diagnostic) = Diagnose(id, files);
        return Offered(provider, solution, diagnostic).Select(action => action.Title).ToArray();
    }

    /// <summary>The files (without the usings the harness adds) after the fix titled <paramref name="title"/>.</summary>
    public static string[] Apply(CodeFixProvider provider, string id, string title, params string[] files)
    {
        (Solution solution, Diagnostic diagnostic) = Diagnose(id, files);
        CodeAction[] offered = Offered(provider, solution, diagnostic);
        CodeAction action = offered.SingleOrDefault(candidate => candidate.Title == title)
            ?? throw new Xunit.Sdk.XunitException($"No fix titled '{title}' for {diagnostic}; offered: {string.Join(", ", offered.Select(candidate => $"'{candidate.Title}'"))}");
        ImmutableArray<CodeActionOperation> operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Solution changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        return changed.Projects.Single().Documents.OrderBy(document => document.Name, StringComparer.Ordinal).Select(document =>
        {
            string text = document.GetTextAsync().GetAwaiter().GetResult().ToString();
            Assert.StartsWith(GeneratorHarness.Usings, text);
            return text.Substring(GeneratorHarness.Usings.Length);
        }).ToArray();
    }

    private static (Solution Solution, Diagnostic Diagnostic) Diagnose(string id, string[] files)
    {
        var workspace = new AdhocWorkspace();
        ProjectId project = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(project, VersionStamp.Default, "Networks", "Networks", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: GeneratorHarness.ParseOptions, metadataReferences: GeneratorHarness.References));
        for (int i = 0; i < files.Length; i++)
        {
            string name = i == 0 ? "Networks.cs" : $"Networks{i + 1}.cs";
            solution = solution.AddDocument(DocumentId.CreateNewId(project), name, SourceText.From(GeneratorHarness.Usings + files[i]), filePath: name);
        }
        Compilation compilation = solution.GetProject(project)!.GetCompilationAsync().GetAwaiter().GetResult()!;
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out ImmutableArray<Diagnostic> diagnostics);
        return (solution, Assert.Single(diagnostics, diagnostic => diagnostic.Id == id));
    }

    private static CodeAction[] Offered(CodeFixProvider provider, Solution solution, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        // The generator's diagnostics carry a file path and span rather than a syntax tree (its model holds no
        // syntax), and the IDE finds their document by that path, as here.
        DocumentId at = Assert.Single(solution.GetDocumentIdsWithFilePath(diagnostic.Location.GetLineSpan().Path));
        Document document = solution.GetDocument(at)!;
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
        return actions.ToArray();
    }
}
