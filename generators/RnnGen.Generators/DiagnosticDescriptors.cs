using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RnnGen.Generators;

/// <summary>Every diagnostic RnnGen reports. Each message says what is wrong and what to write instead.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "RnnGen";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "RNNG001", "Network class must be partial",
        "The network class '{0}' must be declared partial so that RnnGen can add its members: write 'partial class {0}'");

    public static readonly DiagnosticDescriptor WrongTypeParameterCount = Error(
        "RNNG002", "Network class must have one type parameter",
        "'{0}' must have exactly one type parameter, the element type: declare it as 'partial class {1}<T> where T : IFloatingPointIeee754<T>'");

    public static readonly DiagnosticDescriptor SizeOutOfRange = Error(
        "RNNG003", "Network size must be at least 1",
        "'{0}' is {1}; inputs, hidden, outputs and steps must each be at least 1");

    public static readonly DiagnosticDescriptor CrossEntropyNeedsProbabilities = Error(
        "RNNG004", "CrossEntropy needs a Sigmoid or Softmax output",
        "Loss = CrossEntropy needs OutputActivation = Sigmoid or Softmax, not {0}; change OutputActivation, or use Loss = SquaredError");

    public static readonly DiagnosticDescriptor MissingInterface = Error(
        "RNNG005", "Element type lacks a math interface the network needs",
        "The type parameter '{0}' must implement {1} for {2}; add 'where {0} : {1}', or 'where {0} : IFloatingPointIeee754<{0}>', which gives everything RnnGen uses");

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Error(
        "RNNG006", "Type containing a network class must be partial",
        "'{0}' contains the network class '{1}' and must be declared partial so that RnnGen can add to the class inside it");

    public static readonly DiagnosticDescriptor MemberAlreadyDeclared = Error(
        "RNNG007", "Member name is taken by the generated network",
        "'{0}' already declares '{1}', which RnnGen generates; rename or remove the declaration");

    public static readonly DiagnosticDescriptor TooLargeToUnroll = Warning(
        "RNNG008", "Network too large to unroll fully; looped code generated",
        "'{0}' is too large for Unroll.Full ({1}); RnnGen generated looped code instead. Set Unroll = Unroll.None or Unroll.Auto to accept that, or make the network smaller.");

    public static readonly DiagnosticDescriptor InvalidHiddenActivation = Error(
        "RNNG009", "Activation not allowed on the hidden layer",
        "HiddenActivation = {0} is not allowed on an Elman hidden layer; use Sigmoid, Tanh, Relu or Identity");

    public static readonly DiagnosticDescriptor InvalidOutputActivation = Error(
        "RNNG010", "Activation not allowed on the output layer",
        "OutputActivation = {0} is not allowed on the output layer; use Sigmoid, Tanh, Identity or Softmax");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "RNNG011", "Attribute setting has an undefined value",
        "{0} = {1} is not a defined {2} value; use one of {3}");

    public static readonly DiagnosticDescriptor TooManyParameters = Error(
        "RNNG012", "Network too large",
        "'{0}' needs {1} parameters and workspace elements, more than an array can hold; make it smaller");

    public static readonly DiagnosticDescriptor NotAnInstanceClass = Error(
        "RNNG013", "Network must be a class that can be created",
        "'{0}' must be a class that can be created (not static, abstract or a record) so that it can hold the network's parameters and make copies of itself; declare it as 'partial class {0}'");

    public static readonly DiagnosticDescriptor HiddenActivationIgnored = Warning(
        "RNNG014", "HiddenActivation applies only to Elman cells",
        "HiddenActivation has no effect on a {0} cell, whose gates use sigmoid and tanh; remove the setting");

    public static readonly DiagnosticDescriptor GeneratorFailure = Error(
        "RNNG015", "RnnGen failed to generate a network",
        "RnnGen could not generate '{0}': {1}. This is a bug in RnnGen; please report it with the declaration.");

    public static readonly DiagnosticDescriptor SoftmaxWithOneOutput = Error(
        "RNNG016", "Softmax needs two or more outputs",
        "OutputActivation = Softmax over a single output always gives 1, so the loss and every gradient stay constant and training does nothing; use OutputActivation = Sigmoid for one output, or give the network two or more outputs");

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = Error(
        "RNNG017", "Network class named like a generated member",
        "The network class '{0}' has the name of the member '{0}' that RnnGen generates, and no member may have its class's name; rename the class");

    public static readonly DiagnosticDescriptor TypeParameterNamedLikeMember = Error(
        "RNNG018", "Element type parameter named like a generated member",
        "The type parameter '{0}' has the name of the member '{0}' that RnnGen generates, and no member may share a name with its class's type parameter; rename the type parameter, for example to 'T'");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "RNNG019", "Network class cannot be file-local",
        "'{0}' is declared 'file', and a file-local type cannot continue in the file RnnGen generates for '{1}'; remove the 'file' modifier (declare '{0}' internal to keep it inside the assembly)");

    public static readonly DiagnosticDescriptor PrimaryConstructor = Error(
        "RNNG020", "Network class cannot have a primary constructor",
        "'{0}' has the primary constructor '{0}{1}', but RnnGen generates the network's constructors; remove the parameter list and keep what it held in fields or properties");

    public static readonly DiagnosticDescriptor BaseWithoutParameterlessConstructor = Error(
        "RNNG021", "Base class needs a constructor without arguments",
        "The base class '{0}' has no accessible, non-obsolete constructor that takes no arguments, which the constructors RnnGen generates for '{1}' call; add one to '{0}' (it may be protected), or derive '{1}' from another class");

    public static readonly DiagnosticDescriptor BaseMemberHidden = Error(
        "RNNG022", "Base class member would be hidden by a generated member",
        "The base class '{0}' declares {1}, which the members RnnGen generates for '{2}' would hide; rename or remove it in '{0}', or derive '{2}' from another class");

    public static readonly DiagnosticDescriptor AmbiguousIntegerCall = Warning(
        "RNNG023", "Call could mean the dense or the token overload",
        "With an int element type, '{0}' and '{1}' take the same arguments, and this call runs '{0}'; name the argument ('{2}:' or '{3}:') to say which one you mean");

    /// <summary>All descriptors, in id order.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        NotPartial, WrongTypeParameterCount, SizeOutOfRange, CrossEntropyNeedsProbabilities, MissingInterface,
        ContainingTypeNotPartial, MemberAlreadyDeclared, TooLargeToUnroll, InvalidHiddenActivation,
        InvalidOutputActivation, UndefinedEnumValue, TooManyParameters, NotAnInstanceClass, HiddenActivationIgnored,
        GeneratorFailure, SoftmaxWithOneOutput, ClassNamedLikeMember, TypeParameterNamedLikeMember, FileLocalType,
        PrimaryConstructor, BaseWithoutParameterlessConstructor, BaseMemberHidden, AmbiguousIntegerCall,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> byId = All.ToDictionary(descriptor => descriptor.Id);

    public static DiagnosticDescriptor ById(string id) => byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
