using System.Linq;
using Spectre.Console;

namespace RnnGen.Demo;

/// <summary>Spectre tables with plain-text cells (no markup parsing) and right-aligned numbers.</summary>
internal static class Tables
{
    /// <summary>A table whose first column is left-aligned and the others right-aligned.</summary>
    public static Table Create(string? title, params string[] headers)
    {
        var table = new Table();
        if (title is not null)
            table.Title = new TableTitle(title);
        for (int index = 0; index < headers.Length; index++)
        {
            var column = new TableColumn(new Text(headers[index]));
            table.AddColumn(index == 0 ? column.LeftAligned() : column.RightAligned());
        }
        return table;
    }

    /// <summary>Writes the table, with an ASCII border where the console has no Unicode (redirected output).</summary>
    public static void Show(this IAnsiConsole console, Table table)
    {
        if (!console.Profile.Capabilities.Unicode)
            table.Border(TableBorder.Ascii);
        console.Write(table);
    }

    public static void AddRow(this Table table, params string[] cells) => table.AddRow(cells.Select(cell => new Text(cell)));
}
