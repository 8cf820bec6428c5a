using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    /// <summary>Turns an annotated class into a <see cref="NetworkSpec"/>, or into the diagnostics that say why it cannot be one; the attribute's settings.</summary>
    internal static partial class Parser
    {
        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (TypeDeclarationSyntax)context.TargetNode;
            AttributeData attribute = context.Attributes[0];
            Compilation compilation = context.SemanticModel.Compilation;
            // A mistake the compiler reports itself gets no second report, and nothing is generated until it is fixed.
            if (!IsFirstApplication(type, attribute) || CompilerReportsAnError(type, attribute))
                return ParseResult.Nothing;

            Location classLocation = syntax.Identifier.GetLocation();
            Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? classLocation;
            var diagnostics = new List<DiagnosticInfo>();

            CheckClassShape(type, syntax, classLocation, diagnostics);
            Settings settings = ReadSettings(attribute, attributeLocation, diagnostics);
            CheckSettings(settings, attributeLocation, diagnostics);
            if (type.TypeParameters.Length == 1)
            {
                ITypeParameterSymbol elementType = type.TypeParameters[0];
                // What the element type must give depends on the settings; with an undefined one (RNNG011) it is unknown.
                if (settings.EnumsValid)
                    CheckElementType(elementType, settings, compilation, classLocation, diagnostics);
                CheckMemberClashes(type, elementType, compilation, classLocation, diagnostics);
                CheckBaseClass(type, elementType, compilation, classLocation, diagnostics);
            }
            cancellationToken.ThrowIfCancellationRequested();

            if (diagnostics.Any(diagnostic => DiagnosticDescriptors.ById(diagnostic.Id).DefaultSeverity == DiagnosticSeverity.Error))
                return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));

            (Unroll unroll, bool stepsInLoop) = ChooseUnroll(type, settings, attributeLocation, diagnostics);
            var spec = new NetworkSpec(
                NamespaceOf(type),
                new EquatableArray<ContainingTypeSpec>(ContainingTypes(syntax)),
                type.Name,
                type.TypeParameters[0].Name,
                new EquatableArray<string>(ReservedNames(type, context.SemanticModel, syntax.SpanStart)),
                new EquatableArray<string>(MemberNames(type, compilation)),
                settings.Cell, settings.Inputs, settings.Hidden, settings.Outputs, settings.Steps, settings.Bias,
                settings.HiddenActivation, settings.OutputActivation, settings.Loss, settings.LossReduction, settings.Layers, unroll, stepsInLoop);
            return new ParseResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        /// <summary>The attribute's arguments, with the defaults of <c>RecurrentNetworkAttribute</c> for settings not given.</summary>
        private sealed class Settings
        {
            public int Inputs, Hidden, Outputs, Steps;
            public CellKind Cell = CellKind.Elman;
            public Activation HiddenActivation = Activation.Sigmoid;
            public Activation OutputActivation = Activation.Sigmoid;
            public LossKind Loss = LossKind.SquaredError;
            public LossReduction LossReduction = LossReduction.Sum;
            public bool Bias;
            public int Layers = 1;
            public Unroll Unroll = Unroll.Auto;
            public bool HiddenActivationGiven;
            public bool SizesValid = true;
            public bool EnumsValid = true;
        }

        private static Settings ReadSettings(AttributeData attribute, Location location, List<DiagnosticInfo> diagnostics)
        {
            var settings = new Settings();
            ImmutableArray<TypedConstant> sizes = attribute.ConstructorArguments;
            string[] sizeNames = { "inputs", "hidden", "outputs", "steps" };
            var values = new int[4];
            for (int i = 0; i < 4; i++)
            {
                values[i] = i < sizes.Length && sizes[i].Value is int value ? value : 0;
                if (values[i] < 1)
                {
                    settings.SizesValid = false;
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SizeOutOfRange, location, sizeNames[i], values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
            }
            (settings.Inputs, settings.Hidden, settings.Outputs, settings.Steps) = (values[0], values[1], values[2], values[3]);

            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                // A value that does not bind (a typo, a missing using) is already a compiler error; skip it here.
                if (argument.Value.Value is not { } value)
                    continue;
                switch (argument.Key)
                {
                    case "Cell":
                        settings.Cell = (CellKind)(int)value;
                        CheckDefined(settings, argument.Key, settings.Cell.ToString(), NetworkRules.IsCell(settings.Cell), "CellKind", "Elman, Lstm, Gru", location, diagnostics);
                        break;
                    case "HiddenActivation":
                        settings.HiddenActivation = (Activation)(int)value;
                        settings.HiddenActivationGiven = true;
                        CheckDefined(settings, argument.Key, settings.HiddenActivation.ToString(), IsActivation(settings.HiddenActivation), "Activation", "Sigmoid, Tanh, Relu, Identity", location, diagnostics);
                        break;
                    case "OutputActivation":
                        settings.OutputActivation = (Activation)(int)value;
                        CheckDefined(settings, argument.Key, settings.OutputActivation.ToString(), IsActivation(settings.OutputActivation), "Activation", "Sigmoid, Tanh, Identity, Softmax", location, diagnostics);
                        break;
                    case "Loss":
                        settings.Loss = (LossKind)(int)value;
                        CheckDefined(settings, argument.Key, settings.Loss.ToString(), NetworkRules.IsLoss(settings.Loss), "LossKind", "SquaredError, CrossEntropy", location, diagnostics);
                        break;
                    case "LossReduction":
                        settings.LossReduction = (LossReduction)(int)value;
                        CheckDefined(settings, argument.Key, settings.LossReduction.ToString(), settings.LossReduction is LossReduction.Sum or LossReduction.Mean, "LossReduction", "Sum, Mean", location, diagnostics);
                        break;
                    case "Bias":
                        settings.Bias = value is true;
                        break;
                    case "Layers":
                        settings.Layers = value is int layers ? layers : 1;
                        if (settings.Layers < 1)
                        {
                            settings.SizesValid = false;
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersOutOfRange, location, settings.Layers.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                        }
                        break;
                    case "Unroll":
                        settings.Unroll = (Unroll)(int)value;
                        CheckDefined(settings, argument.Key, settings.Unroll.ToString(), settings.Unroll is Unroll.Auto or Unroll.Full or Unroll.None, "Unroll", "Auto, Full, None", location, diagnostics);
                        break;
                }
            }
            return settings;
        }

        private static bool IsActivation(Activation activation) => activation is >= Activation.Sigmoid and <= Activation.Softmax;

        private static void CheckDefined(Settings settings, string setting, string value, bool defined, string enumName, string choices, Location location, List<DiagnosticInfo> diagnostics)
        {
            if (defined)
                return;
            settings.EnumsValid = false;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, location, setting, value, enumName, choices));
        }

        private static void CheckSettings(Settings settings, Location location, List<DiagnosticInfo> diagnostics)
        {
            if (!settings.EnumsValid)
                return;
            if (settings.Cell == CellKind.Elman && !NetworkRules.IsHiddenActivation(settings.HiddenActivation))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidHiddenActivation, location, settings.HiddenActivation.ToString()));
            if (settings.Cell != CellKind.Elman && settings.HiddenActivationGiven)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HiddenActivationIgnored, location, settings.Cell.ToString()));
            if (!NetworkRules.IsOutputActivation(settings.OutputActivation))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOutputActivation, location, settings.OutputActivation.ToString()));
            else if (!NetworkRules.SupportsLoss(settings.OutputActivation, settings.Loss))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CrossEntropyNeedsProbabilities, location, settings.OutputActivation.ToString()));
            if (!NetworkRules.SupportsOutputCount(settings.OutputActivation, settings.Outputs))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxWithOneOutput, location));

            if (settings.SizesValid)
            {
                long parameters = ParameterLayout.CountParameters(settings.Cell, settings.Inputs, settings.Hidden, settings.Outputs, settings.Bias, settings.Layers);
                long workspace = WorkspaceLayout.EstimateSize(settings.Cell, settings.Inputs, settings.Hidden, settings.Outputs, settings.Steps, settings.Layers);
                const long arrayLimit = 0x7FFFFFC7; // Array.MaxLength
                if (parameters > arrayLimit || workspace > arrayLimit)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, location, $"{settings.Inputs}-{settings.Hidden}-{settings.Outputs} x{settings.Steps}{(settings.Layers > 1 ? $", {settings.Layers} layers" : "")}", (parameters > workspace ? parameters : workspace).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>Reports each math interface the chosen cell, activations and loss need that <typeparamref name="T"/>'s constraints do not give.</summary>
        private static void CheckElementType(ITypeParameterSymbol elementType, Settings settings, Compilation compilation, Location location, List<DiagnosticInfo> diagnostics)
        {
            var implied = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (INamedTypeSymbol constraint in elementType.ConstraintTypes.OfType<INamedTypeSymbol>())
            {
                implied.Add(constraint.OriginalDefinition);
                foreach (INamedTypeSymbol implemented in constraint.AllInterfaces)
                {
                    if (implemented.TypeArguments.Length == 1 && SymbolEqualityComparer.Default.Equals(implemented.TypeArguments[0], elementType))
                        implied.Add(implemented.OriginalDefinition);
                }
            }

            foreach ((string metadataName, string purpose) in RequiredInterfaces(settings))
            {
                INamedTypeSymbol? required = compilation.GetTypeByMetadataName(metadataName);
                if (required is null || implied.Contains(required))
                    continue;
                string name = metadataName.Substring("System.Numerics.".Length, metadataName.Length - "System.Numerics.".Length - 2);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingInterface, location, elementType.Name, $"{name}<{elementType.Name}>", purpose));
            }
        }

        private static IEnumerable<(string MetadataName, string Purpose)> RequiredInterfaces(Settings settings)
        {
            yield return ("System.Numerics.INumber`1", "the arithmetic of every network");
            bool gated = settings.Cell != CellKind.Elman;
            bool sigmoid = gated || (settings.Cell == CellKind.Elman && settings.HiddenActivation == Activation.Sigmoid) || settings.OutputActivation == Activation.Sigmoid;
            bool tanh = gated || (settings.Cell == CellKind.Elman && settings.HiddenActivation == Activation.Tanh) || settings.OutputActivation == Activation.Tanh;
            string cellGates = gated ? $"the {settings.Cell} gates" : "";
            if (sigmoid || settings.OutputActivation == Activation.Softmax || settings.Loss == LossKind.CrossEntropy)
                yield return ("System.Numerics.IExponentialFunctions`1", Join(gated ? cellGates : sigmoid ? "the sigmoid activation" : "", settings.OutputActivation == Activation.Softmax ? "the softmax output" : "", settings.Loss == LossKind.CrossEntropy ? "the cross-entropy loss" : ""));
            if (settings.Loss == LossKind.CrossEntropy)
                yield return ("System.Numerics.ILogarithmicFunctions`1", "the cross-entropy loss");
            if (tanh)
                yield return ("System.Numerics.IHyperbolicFunctions`1", gated ? cellGates : "the tanh activation");
        }

        private static string Join(params string[] parts) => string.Join(" and ", parts.Where(part => part.Length > 0));

        /// <summary>The code layout to generate, and whether its written-out step runs in a loop (see <see cref="NetworkSpec.StepsInLoop"/>).</summary>
        private static (Unroll Unroll, bool StepsInLoop) ChooseUnroll(INamedTypeSymbol type, Settings settings, Location location, List<DiagnosticInfo> diagnostics)
        {
            switch (settings.Unroll)
            {
                case Unroll.None:
                    return (Unroll.None, false);
                case Unroll.Full:
                    string? reason = UnrollPolicy.WhyNotUnrollable(settings.Cell, settings.Inputs, settings.Hidden, settings.Outputs, settings.Steps, settings.Layers);
                    if (reason is null)
                        return (Unroll.Full, false);
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooLargeToUnroll, location, type.Name, reason));
                    return (Unroll.None, false);
                default:
                    return UnrollPolicy.ChooseAutomatically(settings.Cell, settings.Inputs, settings.Hidden, settings.Outputs, settings.Steps, settings.Layers);
            }
        }
    }
}
