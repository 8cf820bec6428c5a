using System;
using System.Collections.Generic;
using System.Linq;

namespace RnnGen.Demo;

/// <summary>
/// "Did you mean …?" for a misspelt command or option: the known name fewest single-character edits away, if the
/// edits are few for its length. (System.CommandLine computes typo corrections only inside its own multi-line error
/// output, which the demo replaces with one line.)
/// </summary>
internal static class Suggestions
{
    /// <summary>"did you mean 'x'?" (or "'x' or 'y'" on a tie), or null when no name is close.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> names)
    {
        string[] closest = Closest(word, names);
        return closest.Length == 0 ? null : DidYouMean(closest);
    }

    /// <summary>"did you mean 'x'?", or "'x' or 'y'" for several.</summary>
    public static string DidYouMean(IEnumerable<string> suggestions) =>
        $"did you mean {string.Join(" or ", suggestions.Select(name => $"'{name}'"))}?";

    /// <summary>
    /// The names fewest edits from <paramref name="word"/> (leading dashes aside), where that is at most a third of
    /// the name's length (at least one); a name that begins with the word counts as one edit away.
    /// </summary>
    public static string[] Closest(string word, IEnumerable<string> names)
    {
        string bare = word.TrimStart('-');
        var candidates = names
            .Select(name => (Name: name, Bare: name.TrimStart('-')))
            .Select(name => (name.Name, Distance: bare.Length >= 3 && name.Bare.StartsWith(bare, StringComparison.Ordinal)
                ? Math.Min(1, EditDistance(bare, name.Bare))
                : EditDistance(bare, name.Bare), Limit: Math.Max(1, name.Bare.Length / 3)))
            .Where(candidate => candidate.Distance <= candidate.Limit)
            .ToArray();
        if (candidates.Length == 0)
            return [];
        int best = candidates.Min(candidate => candidate.Distance);
        return candidates.Where(candidate => candidate.Distance == best).Select(candidate => candidate.Name).ToArray();
    }

    /// <summary>Levenshtein distance, with a swap of two neighbouring letters counted as one edit.</summary>
    public static int EditDistance(string from, string to)
    {
        var distance = new int[from.Length + 1, to.Length + 1];
        for (int i = 0; i <= from.Length; i++)
            distance[i, 0] = i;
        for (int j = 0; j <= to.Length; j++)
            distance[0, j] = j;
        for (int i = 1; i <= from.Length; i++)
        {
            for (int j = 1; j <= to.Length; j++)
            {
                int substitution = from[i - 1] == to[j - 1] ? 0 : 1;
                int best = Math.Min(Math.Min(distance[i - 1, j] + 1, distance[i, j - 1] + 1), distance[i - 1, j - 1] + substitution);
                if (i > 1 && j > 1 && from[i - 1] == to[j - 2] && from[i - 2] == to[j - 1])
                    best = Math.Min(best, distance[i - 2, j - 2] + 1);
                distance[i, j] = best;
            }
        }
        return distance[from.Length, to.Length];
    }
}
