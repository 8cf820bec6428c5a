using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace RnnGen.Package.Tests;

/// <summary>
/// How users meet the library: `dotnet pack RnnGen.sln` gives one package, and a fresh project that references only
/// that package compiles a declared network and trains it, under the JIT and published with Native AOT
/// (PackageTests.NativeAot.cs). The solution is packed once for the class (<see cref="PackedSolution"/>).
/// </summary>
public sealed partial class PackageTests(PackedSolution packed) : IClassFixture<PackedSolution>
{
    private readonly string work = packed.Work;

    [Fact]
    public void Solution_packs_into_one_package_that_a_fresh_project_can_use()
    {
        string feed = packed.Feed;
        string version = packed.Version;

        string package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal($"RnnGen.{version}.nupkg", Path.GetFileName(package));
        using (ZipArchive archive = ZipFile.OpenRead(package))
        {
            string[] entries = archive.Entries.Select(entry => entry.FullName).ToArray();
            Assert.Contains("lib/net10.0/RnnGen.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/RnnGen.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/RnnGen.CodeFixes.dll", entries);
            Assert.DoesNotContain(entries, entry => entry.StartsWith("analyzers/", StringComparison.Ordinal) && entry.Contains("CodeAnalysis", StringComparison.Ordinal));
            CheckMetadata(archive);
            CheckReadmeLinks(archive, entries);
        }
        string symbols = Assert.Single(Directory.GetFiles(feed, "*.snupkg"));
        using (ZipArchive archive = ZipFile.OpenRead(symbols))
            Assert.Contains("lib/net10.0/RnnGen.pdb", archive.Entries.Select(entry => entry.FullName));

        string consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="rnngen-test-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RnnGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System;
            using System.Numerics;
            using RnnGen;

            var network = new BinaryAdder<float>(0);
            var random = new Random(1);
            var inputs = new float[16];
            var targets = new float[8];
            var outputs = new float[8];
            for (int sample = 0; sample < 10_000; sample++)
            {
                Encode(random.Next(128), random.Next(128));
                network.Train(inputs, targets, 0.1f);
            }
            int exact = 0;
            for (int a = 0; a < 128; a++)
            {
                for (int b = 0; b < 128; b++)
                {
                    Encode(a, b);
                    network.Forward(inputs, outputs);
                    bool right = true;
                    for (int bit = 0; bit < 8; bit++)
                        right &= (outputs[bit] > 0.5f) == (targets[bit] == 1f);
                    exact += right ? 1 : 0;
                }
            }
            Console.WriteLine($"exact sums: {exact}");

            void Encode(int a, int b)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    inputs[2 * bit] = (a >> bit) & 1;
                    inputs[2 * bit + 1] = (b >> bit) & 1;
                    targets[bit] = ((a + b) >> bit) & 1;
                }
            }

            [RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
            public partial class BinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;
            """);

        string output = PackedSolution.Run("dotnet", "run -c Release", consumer);
        Assert.Contains("exact sums: 16384", output);
    }

    /// <summary>The nuspec names the project's home and its source repository (the first user found both empty).</summary>
    private static void CheckMetadata(ZipArchive archive)
    {
        ZipArchiveEntry nuspec = Assert.Single(archive.Entries, entry => entry.FullName == "RnnGen.nuspec");
        using Stream stream = nuspec.Open();
        XElement metadata = XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        string? Element(string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;
        Assert.StartsWith("https://", Element("projectUrl"));
        XElement repository = Assert.Single(metadata.Elements(), element => element.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://", (string?)repository.Attribute("url"));
        Assert.Equal("README.md", Element("readme"));
    }

    /// <summary>Every relative link in the packed README points at a file inside the package (nuget.org shows it without the repository).</summary>
    private static void CheckReadmeLinks(ZipArchive archive, string[] entries)
    {
        using var reader = new StreamReader(Assert.Single(archive.Entries, entry => entry.FullName == "README.md").Open());
        string readme = reader.ReadToEnd();
        string[] links = Regex.Matches(readme, @"\]\(([^)\s]+)\)").Select(match => match.Groups[1].Value).ToArray();
        Assert.NotEmpty(links);
        foreach (string link in links)
        {
            if (link.StartsWith("https://", StringComparison.Ordinal) || link.StartsWith('#'))
                continue;
            string target = link.Split('#')[0];
            Assert.True(entries.Contains(target), $"The packed README links {link}, which is not in the package.");
        }
    }
}
