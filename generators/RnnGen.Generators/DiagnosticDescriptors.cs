using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RnnGen.Generators;

/// <summary>
/// Every diagnostic RnnGen reports. Each message says what is wrong and what to write instead, and each id has a section
/// in docs/diagnostics.md. The descriptors are written out (constant id, category and severity) so that the release
/// tracking rules of Microsoft.CodeAnalysis.Analyzers check them against AnalyzerReleases.Shipped.md and Unshipped.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "RnnGen";

    /// <summary>Each id's section in docs/diagnostics.md (cause, fix, example), the help link an IDE shows.</summary>
    public const string HelpLink = "https://github.com/rnngen/rnngen/blob/main/docs/diagnostics.md#";

    public static readonly DiagnosticDescriptor NotPartial = new DiagnosticDescriptor(
        "RNNG001", "Network class must be partial",
        "The network class '{0}' must be declared partial so that RnnGen can add its members: write 'partial class {0}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng001");

    public static readonly DiagnosticDescriptor WrongTypeParameterCount = new DiagnosticDescriptor(
        "RNNG002", "Network class must have one type parameter",
        "'{0}' must have exactly one type parameter, the element type: declare it as 'partial class {1}<T> where T : IFloatingPointIeee754<T>'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng002");

    public static readonly DiagnosticDescriptor SizeOutOfRange = new DiagnosticDescriptor(
        "RNNG003", "Network size must be at least 1",
        "'{0}' is {1}; inputs, hidden, outputs and steps must each be at least 1",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng003");

    public static readonly DiagnosticDescriptor CrossEntropyNeedsProbabilities = new DiagnosticDescriptor(
        "RNNG004", "CrossEntropy needs a Sigmoid or Softmax output",
        "Loss = CrossEntropy needs OutputActivation = Sigmoid or Softmax, not {0}; change OutputActivation, or use Loss = SquaredError",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng004");

    public static readonly DiagnosticDescriptor MissingInterface = new DiagnosticDescriptor(
        "RNNG005", "Element type lacks a math interface the network needs",
        "The type parameter '{0}' must implement {1} for {2}; add 'where {0} : {1}', or 'where {0} : IFloatingPointIeee754<{0}>', which gives everything RnnGen uses",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng005");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new DiagnosticDescriptor(
        "RNNG006", "Type containing a network class must be partial",
        "'{0}' contains the network class '{1}' and must be declared partial so that RnnGen can add to the class inside it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng006");

    public static readonly DiagnosticDescriptor MemberAlreadyDeclared = new DiagnosticDescriptor(
        "RNNG007", "Member name is taken by the generated network",
        "'{0}' already declares '{1}', which RnnGen generates; rename or remove the declaration",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng007");

    public static readonly DiagnosticDescriptor TooLargeToUnroll = new DiagnosticDescriptor(
        "RNNG008", "Network too large to unroll fully; looped code generated",
        "'{0}' is too large for Unroll.Full ({1}); RnnGen generated looped code instead. Set Unroll = Unroll.None or Unroll.Auto to accept that, or make the network smaller.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng008");

    public static readonly DiagnosticDescriptor InvalidHiddenActivation = new DiagnosticDescriptor(
        "RNNG009", "Activation not allowed on the hidden layer",
        "HiddenActivation = {0} is not allowed on an Elman hidden layer; use Sigmoid, Tanh, Relu or Identity",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng009");

    public static readonly DiagnosticDescriptor InvalidOutputActivation = new DiagnosticDescriptor(
        "RNNG010", "Activation not allowed on the output layer",
        "OutputActivation = {0} is not allowed on the output layer; use Sigmoid, Tanh, Identity or Softmax",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng010");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = new DiagnosticDescriptor(
        "RNNG011", "Attribute setting has an undefined value",
        "{0} = {1} is not a defined {2} value; use one of {3}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng011");

    public static readonly DiagnosticDescriptor TooManyParameters = new DiagnosticDescriptor(
        "RNNG012", "Network too large",
        "'{0}' needs {1} parameters and workspace elements, more than an array can hold; make it smaller",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng012");

    public static readonly DiagnosticDescriptor NotAnInstanceClass = new DiagnosticDescriptor(
        "RNNG013", "Network must be a class that can be created",
        "'{0}' must be a class that can be created (not static, abstract or a record) so that it can hold the network's parameters and make copies of itself; declare it as 'partial class {0}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng013");

    public static readonly DiagnosticDescriptor HiddenActivationIgnored = new DiagnosticDescriptor(
        "RNNG014", "HiddenActivation applies only to Elman cells",
        "HiddenActivation has no effect on a {0} cell, whose gates use sigmoid and tanh; remove the setting",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng014");

    public static readonly DiagnosticDescriptor GeneratorFailure = new DiagnosticDescriptor(
        "RNNG015", "RnnGen failed to generate a network",
        "RnnGen could not generate '{0}': {1}. This is a bug in RnnGen; please report it with the declaration.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng015");

    public static readonly DiagnosticDescriptor SoftmaxWithOneOutput = new DiagnosticDescriptor(
        "RNNG016", "Softmax needs two or more outputs",
        "OutputActivation = Softmax over a single output always gives 1, so the loss and every gradient stay constant and training does nothing; use OutputActivation = Sigmoid for one output, or give the network two or more outputs",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng016");

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = new DiagnosticDescriptor(
        "RNNG017", "Network class named like a generated member",
        "The network class '{0}' has the name of the member '{0}' that RnnGen generates, and no member may have its class's name; rename the class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng017");

    public static readonly DiagnosticDescriptor TypeParameterNamedLikeMember = new DiagnosticDescriptor(
        "RNNG018", "Element type parameter named like a generated member",
        "The type parameter '{0}' has the name of the member '{0}' that RnnGen generates, and no member may share a name with its class's type parameter; rename the type parameter, for example to 'T'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng018");

    public static readonly DiagnosticDescriptor FileLocalType = new DiagnosticDescriptor(
        "RNNG019", "Network class cannot be file-local",
        "'{0}' is declared 'file', and a file-local type cannot continue in the file RnnGen generates for '{1}'; remove the 'file' modifier (declare '{0}' internal to keep it inside the assembly)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng019");

    public static readonly DiagnosticDescriptor PrimaryConstructor = new DiagnosticDescriptor(
        "RNNG020", "Network class cannot have a primary constructor",
        "'{0}' has the primary constructor '{0}{1}', but RnnGen generates the network's constructors; remove the parameter list and keep what it held in fields or properties",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng020");

    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = new DiagnosticDescriptor(
        "RNNG021", "Base class needs a constructor without arguments",
        "The base class '{0}' has no accessible, non-obsolete constructor that takes no arguments, which the constructors RnnGen generates for '{1}' call; add one to '{0}' (it may be protected), or derive '{1}' from another class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng021");

    public static readonly DiagnosticDescriptor BaseMemberHidden = new DiagnosticDescriptor(
        "RNNG022", "Base class member would be hidden by a generated member",
        "The base class '{0}' declares {1}, which the members RnnGen generates for '{2}' would hide; rename or remove it in '{0}', or derive '{2}' from another class",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng022");

    public static readonly DiagnosticDescriptor AmbiguousIntegerCall = new DiagnosticDescriptor(
        "RNNG023", "Call could mean the dense or the token overload",
        "With an int element type, '{0}' and '{1}' take the same arguments, and this call runs '{0}'; name the argument ('{2}:' or '{3}:') to say which one you mean",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng023");

    public static readonly DiagnosticDescriptor LayersOutOfRange = new DiagnosticDescriptor(
        "RNNG030", "A network needs at least one layer",
        "Layers = {0} is not allowed; a network has at least one recurrent layer: write Layers = 1 (the default, or leave the setting out) or a larger number to stack layers",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink + "rnng030");

    /// <summary>All descriptors, in id order.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        NotPartial, WrongTypeParameterCount, SizeOutOfRange, CrossEntropyNeedsProbabilities, MissingInterface,
        ContainingTypeNotPartial, MemberAlreadyDeclared, TooLargeToUnroll, InvalidHiddenActivation,
        InvalidOutputActivation, UndefinedEnumValue, TooManyParameters, NotAnInstanceClass, HiddenActivationIgnored,
        GeneratorFailure, SoftmaxWithOneOutput, ClassNamedLikeMember, TypeParameterNamedLikeMember, FileLocalType,
        PrimaryConstructor, BaseWithoutParameterlessConstructor, BaseMemberHidden, AmbiguousIntegerCall, LayersOutOfRange,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> byId = All.ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticDescriptor ById(string id) => byId[id];
}
