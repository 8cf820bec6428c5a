using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using System.Collections.Generic;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// The catalogue users read (docs/diagnostics.md) and the release tracking files agree with the descriptors: every id
/// has a help link to its own section, and that section gives the cause, the fix and an example.
/// </summary>
public class DiagnosticCatalogueTests
{
    /// <summary>Every descriptor, in id order (the list is internal to the generator).</summary>
    private static readonly DiagnosticDescriptor[] descriptors = ((IReadOnlyList<DiagnosticDescriptor>)typeof(Generators.RecurrentNetworkGenerator).Assembly
        .GetType("RnnGen.Generators.DiagnosticDescriptors")!.GetField("All")!.GetValue(null)!).ToArray();

    private static string RepositoryFile(string relative, [CallerFilePath] string callerPath = "") =>
        File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", "..", relative)));

    [Fact]
    public void Every_id_links_to_its_section_with_cause_fix_and_example()
    {
        string catalogue = RepositoryFile("docs/diagnostics.md");
        string[] sections = Regex.Split(catalogue, @"^## ", RegexOptions.Multiline).Skip(1).ToArray();
        Assert.Equal(descriptors.Select(descriptor => descriptor.Id), sections.Select(section => section.Split('\n')[0].Trim()));
        foreach ((DiagnosticDescriptor descriptor, string section) in descriptors.Zip(sections))
        {
            Assert.Equal($"https://github.com/rnngen/rnngen/blob/main/docs/diagnostics.md#{descriptor.Id.ToLowerInvariant()}", descriptor.HelpLinkUri);
            Assert.Contains($"**{descriptor.Title}** ({(descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning")}", section);
            Assert.Contains("Cause: ", section);
            Assert.Contains("Fix: ", section);
            if (descriptor.Id != "RNNG015")  // a bug in RnnGen has no example declaration
                Assert.Contains("```csharp", section);
            Assert.Contains($"| [{descriptor.Id}](#{descriptor.Id.ToLowerInvariant()}) | {(descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : "warning")} | {descriptor.Title} |", catalogue);
        }
    }

    [Fact]
    public void Every_id_is_release_tracked()
    {
        string tracked = RepositoryFile("generators/RnnGen.Generators/AnalyzerReleases.Shipped.md") + RepositoryFile("generators/RnnGen.Generators/AnalyzerReleases.Unshipped.md");
        foreach (DiagnosticDescriptor descriptor in descriptors)
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", tracked);
    }
}
