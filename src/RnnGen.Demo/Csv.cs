using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace RnnGen.Demo;

/// <summary>Writes RFC 4180 CSV: a header line, then one line per row; numbers in invariant culture, full precision.</summary>
internal static class Csv
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object>> rows)
    {
        var text = new StringBuilder();
        AppendLine(text, header.Cast<object>().ToArray());
        foreach (IReadOnlyList<object> row in rows)
        {
            if (row.Count != header.Count)
                throw new ArgumentException($"A row has {row.Count} fields; the header has {header.Count}.", nameof(rows));
            AppendLine(text, row);
        }
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<object> fields)
    {
        for (int index = 0; index < fields.Count; index++)
        {
            if (index > 0)
                text.Append(',');
            text.Append(Field(fields[index]));
        }
        text.Append('\n');
    }

    private static string Field(object value)
    {
        string text = value switch
        {
            double number => number.ToString("R", CultureInfo.InvariantCulture),
            float number => number.ToString("R", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        bool needsQuotes = text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        return needsQuotes ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
