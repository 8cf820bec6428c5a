using System.Globalization;
using System.Linq;

namespace RnnGen.Benchmarks;

/// <summary>The command line of <c>--scaling [float|double] [rounds]</c> (see <see cref="ScalingCheck"/>).</summary>
/// <param name="Double">Measure in double (float by default).</param>
/// <param name="Rounds">How many rounds of interleaved windows.</param>
public sealed record ScalingOptions(bool Double, int Rounds)
{
    public const string Usage = "usage: --scaling [float|double] [rounds]   (rounds: a positive whole number, 300 by default)";

    /// <summary>The options in <paramref name="arguments"/> (which may include <c>--scaling</c> itself), or null for anything else.</summary>
    public static ScalingOptions? Parse(string[] arguments)
    {
        string[] settings = arguments.Where(argument => argument != "--scaling").ToArray();
        string[] types = settings.Where(argument => argument is "float" or "double").ToArray();
        string[] counts = settings.Where(argument => argument is not ("float" or "double")).ToArray();
        if (types.Length > 1 || counts.Length > 1)
            return null;
        int rounds = 300;
        if (counts.Length == 1 && (!int.TryParse(counts[0], NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds <= 0))
            return null;
        return new ScalingOptions(types is ["double"], rounds);
    }
}
