using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace RnnGen.Generators.Model;

/// <summary>Where a diagnostic points, kept as plain values instead of a <see cref="Location"/> that would hold a syntax tree.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location is null || location.SourceTree is null
            ? null
            : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}

/// <summary>A diagnostic to report, as plain values: the descriptor's id, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] messageArguments) =>
        new(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(messageArguments));

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation(), MessageArguments.ToArrayOfObjects());
}

internal static class EquatableArrayExtensions
{
    public static object?[] ToArrayOfObjects(this EquatableArray<string> values)
    {
        var result = new object?[values.Count];
        for (int i = 0; i < values.Count; i++)
            result[i] = values[i];
        return result;
    }
}

/// <summary>What the parser makes of one annotated class: a network to emit (null when rejected) and the diagnostics to report.</summary>
internal sealed record ParseResult(NetworkSpec? Network, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Nothing to emit or report: a declaration whose mistake the compiler reports itself.</summary>
    public static readonly ParseResult Nothing = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
