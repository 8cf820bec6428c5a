using System;

namespace RnnGen.Demo;

/// <summary>
/// The characters the character model knows, fixed at compile time because the network's input and output sizes are:
/// newline, the 95 printable ASCII characters, and one symbol for everything else, printed as '¤'.
/// </summary>
public static class CharacterVocabulary
{
    /// <summary>Number of symbols: newline + 95 printable ASCII + other.</summary>
    public const int Size = 97;

    private const int Newline = 0, FirstPrintable = 1, Other = Size - 1;

    /// <summary>The symbol of one character.</summary>
    public static int Encode(char character) => character switch
    {
        '\n' => Newline,
        >= ' ' and <= '~' => FirstPrintable + (character - ' '),
        '\t' => FirstPrintable,   // a tab reads as a space
        _ => Other,
    };

    /// <summary>The character of one symbol.</summary>
    public static char Decode(int symbol) => symbol switch
    {
        Newline => '\n',
        Other => '¤',
        _ => (char)(' ' + (symbol - FirstPrintable)),
    };

    /// <summary>The symbols of a text; carriage returns are dropped.</summary>
    public static int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = text.Replace("\r", "", StringComparison.Ordinal);
        var symbols = new int[normalized.Length];
        for (int i = 0; i < normalized.Length; i++)
            symbols[i] = Encode(normalized[i]);
        return symbols;
    }
}
