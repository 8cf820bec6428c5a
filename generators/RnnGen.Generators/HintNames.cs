using System.Globalization;
using System.Text;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>
/// File names for generated sources, unique by construction. Roslyn requires hint names to be unique within a generator
/// and compares them ignoring case; a duplicate makes it discard everything the generator produced.
/// </summary>
/// <remarks>
/// The name spells out the class's full metadata name: namespace, '.', each containing type with its arity
/// (<c>Outer`1</c>) joined by '+', then the class with its arity, so <c>A.B.Net`1</c> (namespace A.B) differs from
/// <c>A.B+Net`1</c> (class B in namespace A), and <c>Outer+Net`1</c> from <c>Outer`1+Net`1</c>. Characters other than
/// ASCII letters, digits and '_' are written as '-' and four lowercase hex digits, which also keeps '@' and other
/// characters Roslyn rejects out of the name. Last comes a case tag, the upper-case ASCII letters as a bit mask in
/// lowercase hex: names that differ only in case (<c>Net</c>, <c>NET</c>) differ in the tag, and because the tag is
/// written in one case, two hint names equal ignoring case are equal.
/// </remarks>
internal static class HintNames
{
    private const string Suffix = ".RnnGen.g.cs";

    /// <summary>The hint name of a network's source: <c>Demo.Outer`1+Net`1.a21.RnnGen.g.cs</c>.</summary>
    public static string For(NetworkSpec spec)
    {
        var name = new StringBuilder();
        if (spec.Namespace.Length > 0)
            Append(name, spec.Namespace, allowDots: true).Append('.');
        foreach (ContainingTypeSpec container in spec.ContainingTypes)
            AppendWithArity(name, container.Name, container.TypeParameters.Count).Append('+');
        AppendWithArity(name, spec.TypeName, 1);
        return name.Append('.').Append(CaseTag(name.ToString())).Append(Suffix).ToString();
    }

    private static StringBuilder AppendWithArity(StringBuilder builder, string name, int arity)
    {
        Append(builder, name, allowDots: false);
        return arity == 0 ? builder : builder.Append('`').Append(arity.ToString(CultureInfo.InvariantCulture));
    }

    private static StringBuilder Append(StringBuilder builder, string name, bool allowDots)
    {
        foreach (char c in name)
        {
            if (IsAsciiLetter(c) || c is (>= '0' and <= '9') or '_' || (allowDots && c == '.'))
                builder.Append(c);
            else
                builder.Append('-').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return builder;
    }

    /// <summary>One bit per ASCII letter outside the escapes, set for upper case, most significant first, in lowercase hex.</summary>
    private static string CaseTag(string name)
    {
        var tag = new StringBuilder();
        int bits = 0, count = 0;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c == '-')
            {
                i += 4; // the escape's hex digits are always lower case
                continue;
            }
            if (!IsAsciiLetter(c))
                continue;
            bits = (bits << 1) | (c <= 'Z' ? 1 : 0);
            if (++count % 4 == 0)
            {
                tag.Append(bits.ToString("x", CultureInfo.InvariantCulture));
                bits = 0;
            }
        }
        if (count % 4 != 0 || count == 0)
            tag.Append((bits << (4 - (count % 4))).ToString("x", CultureInfo.InvariantCulture));
        return tag.ToString();
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
