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
    public Scope Block(string header)
    {
        Line(header);
        Line("{");
        indent++;
        return new Scope(this);
    }

    public void Indent() => indent++;

    public void Unindent() => indent--;

    public override string ToString() => builder.ToString();

    public readonly struct Scope : IDisposable
    {
        private readonly SourceWriter writer;

        public Scope(SourceWriter writer) => this.writer = writer;

        public void Dispose()
        {
            writer.indent--;
            writer.Line("}");
        }
    }
}
