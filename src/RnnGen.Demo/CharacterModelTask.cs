using System;
using System.IO;
using System.Reflection;
using System.Text;

namespace RnnGen.Demo;

/// <summary>
/// The character model's training text and its sampling: the corpus (a file, or the project's own documentation
/// embedded in the app), and text drawn from the model one character at a time by a <see cref="TokenSampler"/>.
/// </summary>
public static class CharacterModelTask
{
    /// <summary>Characters per training chunk: the steps of truncated backpropagation through time.</summary>
    public const int Steps = 25;

    /// <summary>The text to learn: <paramref name="path"/> if given, else the documentation embedded in the demo.</summary>
    public static string LoadCorpus(string? path)
    {
        if (!string.IsNullOrEmpty(path))
            return File.ReadAllText(path);
        var corpus = new StringBuilder();
        Assembly assembly = typeof(CharacterModelTask).Assembly;
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("corpus/", StringComparison.Ordinal))
                continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            corpus.Append(reader.ReadToEnd()).Append('\n');
        }
        return corpus.ToString();
    }

    /// <summary>
    /// Draws <paramref name="length"/> characters: each step feeds the last character and <paramref name="sampler"/> (the
    /// library's, with its temperature and top-k) picks the next from the output distribution. <paramref name="state"/> advances.
    /// </summary>
    public static string Sample<T>(ITokenNetwork<T> network, Span<T> state, int firstSymbol, int length, TokenSampler sampler)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var probabilities = new T[CharacterVocabulary.Size];
        var text = new StringBuilder(length);
        int symbol = firstSymbol;
        for (int i = 0; i < length; i++)
        {
            network.Step(symbol, state, probabilities);
            symbol = sampler.Sample<T>(probabilities);
            text.Append(CharacterVocabulary.Decode(symbol));
        }
        return text.ToString();
    }
}
