using System;
using System.Text;

namespace RnnGen.Generators;

/// <summary>A small indented text writer for emitted C#; <see cref="Block"/> opens a brace and closes it on dispose.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder builder = new();
    private int indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (int i = 0; i < indent; i++)
                builder.Append(IndentUnit);
            builder.Append(text);
        }
        builder.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public Scope Block(string header, string? lastLine = null)
    {
        Line(header);
        Line("{");
        indent++;
        return new Scope(this, lastLine);
    }

    public void Indent() => indent++;

    public void Unindent() => indent--;

    public override string ToString() => builder.ToString();

    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter writer;
        private readonly string? lastLine;

        public Scope(SourceWriter writer, string? lastLine = null)
        {
            this.writer = writer;
            this.lastLine = lastLine;
        }

        public void Dispose()
        {
            if (lastLine is not null)
                writer.Line(lastLine);
            writer.indent--;
            writer.Line("}");
        }
    }
}
