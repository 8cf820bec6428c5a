using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>One test per diagnostic: reported on the declaration, with a message that names the fix, and nothing generated for an error.</summary>
public class DiagnosticTests
{
    private const string Network = "[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]";

    [Fact]
    public void RNNG001_class_must_be_partial()
    {
        Diagnostic diagnostic = Rejected("RNNG001", $"{Network} public class Adder<T> where T : IFloatingPointIeee754<T> {{ }}");
        Assert.Contains("partial class Adder<T>", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG002_class_must_have_one_type_parameter()
    {
        Assert.Contains("one type parameter", Rejected("RNNG002", $"{Network} public partial class Adder {{ }}").GetMessage());
        Rejected("RNNG002", $"{Network} public partial class Adder<T, U> where T : IFloatingPointIeee754<T> {{ }}");
    }

    [Fact]
    public void RNNG003_sizes_must_be_positive()
    {
        Diagnostic diagnostic = Rejected("RNNG003", "[RecurrentNetwork(inputs: 2, hidden: 0, outputs: 1, steps: 8)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("'hidden' is 0", diagnostic.GetMessage());
        Rejected("RNNG003", "[RecurrentNetwork(2, 16, 1, -3)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
    }

    [Fact]
    public void RNNG004_cross_entropy_needs_sigmoid_or_softmax()
    {
        Diagnostic diagnostic = Rejected("RNNG004", "[RecurrentNetwork(2, 16, 1, 8, OutputActivation = Activation.Tanh, Loss = LossKind.CrossEntropy)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("OutputActivation = Sigmoid or Softmax", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG005_element_type_must_give_the_functions_the_network_uses()
    {
        Diagnostic diagnostic = Rejected("RNNG005", $"{Network} public partial class Adder<T> where T : INumber<T>;");
        Assert.Contains("IExponentialFunctions<T>", diagnostic.GetMessage());
        Assert.Contains("sigmoid", diagnostic.GetMessage());

        Diagnostic[] missing = Run("[RecurrentNetwork(2, 4, 3, 2, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy)] public partial class Model<TValue> where TValue : INumber<TValue>;")
            .Where(d => d.Id == "RNNG005").ToArray();
        Assert.Contains(missing, d => d.GetMessage().Contains("IExponentialFunctions<TValue>"));
        Assert.Contains(missing, d => d.GetMessage().Contains("ILogarithmicFunctions<TValue>"));
        Assert.Contains(missing, d => d.GetMessage().Contains("IHyperbolicFunctions<TValue>"));
        Assert.Contains(Run($"{Network} public partial class Adder<T>;"), d => d.Id == "RNNG005" && d.GetMessage().Contains("INumber<T>"));
    }

    [Fact]
    public void RNNG006_containing_type_must_be_partial()
    {
        Diagnostic diagnostic = Rejected("RNNG006", $"public class Outer {{ {Network} public partial class Adder<T> where T : IFloatingPointIeee754<T>; }}");
        Assert.Contains("'Outer'", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG007_generated_member_names_must_be_free()
    {
        Diagnostic diagnostic = Rejected("RNNG007", $"{Network} public partial class Adder<T> where T : IFloatingPointIeee754<T> {{ public int Hidden => 3; }}");
        Assert.Contains("'Hidden'", diagnostic.GetMessage());
        Rejected("RNNG007", $"{Network} public partial class Adder<T> where T : IFloatingPointIeee754<T> {{ public void Forward(System.ReadOnlySpan<T> a, System.Span<T> b) {{ }} }}");
        Rejected("RNNG007", $"{Network} public partial class Adder<T> where T : IFloatingPointIeee754<T> {{ public Adder() {{ }} }}");
        // An overload with other parameters is fine.
        Assert.DoesNotContain(Run($"{Network} public partial class Adder<T> where T : IFloatingPointIeee754<T> {{ public void Forward(int[] bits) {{ }} }}"), d => d.Id == "RNNG007");
    }

    [Fact]
    public void RNNG008_a_shape_too_large_to_unroll_gets_looped_code_and_a_warning()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + "[RecurrentNetwork(4, 256, 2, 8, Unroll = Unroll.Full)] public partial class Big<T> where T : IFloatingPointIeee754<T>;");
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("RNNG008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("Unroll.None", diagnostic.GetMessage());
        Assert.Contains("Unroll.None", Assert.Single(run.Sources).Source.Split('\n')[2]);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void RNNG009_hidden_activation_must_suit_a_hidden_layer()
    {
        Diagnostic diagnostic = Rejected("RNNG009", "[RecurrentNetwork(2, 16, 1, 8, HiddenActivation = Activation.Softmax)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("use Sigmoid, Tanh, Relu or Identity", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG010_output_activation_must_suit_an_output_layer()
    {
        Diagnostic diagnostic = Rejected("RNNG010", "[RecurrentNetwork(2, 16, 1, 8, OutputActivation = Activation.Relu)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("use Sigmoid, Tanh, Identity or Softmax", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG011_settings_must_be_defined_values()
    {
        Diagnostic diagnostic = Rejected("RNNG011", "[RecurrentNetwork(2, 16, 1, 8, Cell = (CellKind)9)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("Elman, Lstm, Gru", diagnostic.GetMessage());
        Rejected("RNNG011", "[RecurrentNetwork(2, 16, 1, 8, Unroll = (Unroll)5)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        diagnostic = Rejected("RNNG011", "[RecurrentNetwork(2, 16, 1, 8, LossReduction = (LossReduction)2)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("Sum, Mean", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG012_the_network_must_fit_in_an_array()
    {
        Diagnostic diagnostic = Rejected("RNNG012", "[RecurrentNetwork(100000, 100000, 1, 8)] public partial class Huge<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("make it smaller", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG013_class_must_be_an_instance_class()
    {
        Rejected("RNNG013", $"{Network} public static partial class Adder<T> where T : IFloatingPointIeee754<T> {{ }}");
        Rejected("RNNG013", $"{Network} public partial record Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("not static, abstract or a record", Rejected("RNNG013", $"{Network} public abstract partial class Adder<T> where T : IFloatingPointIeee754<T>;").GetMessage());
    }

    [Fact]
    public void RNNG014_hidden_activation_does_not_apply_to_gated_cells()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + "[RecurrentNetwork(2, 16, 1, 8, Cell = CellKind.Lstm, HiddenActivation = Activation.Tanh)] public partial class Memory<T> where T : IFloatingPointIeee754<T>;");
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("RNNG014", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("remove the setting", diagnostic.GetMessage());
        Assert.Single(run.Sources);
        Assert.Empty(run.CompilationDiagnostics);
    }

    [Fact]
    public void RNNG016_softmax_needs_two_or_more_outputs()
    {
        Diagnostic diagnostic = Rejected("RNNG016", "[RecurrentNetwork(2, 16, 1, 8, OutputActivation = Activation.Softmax)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("use OutputActivation = Sigmoid for one output", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG017_class_must_not_be_named_like_a_generated_member()
    {
        Diagnostic diagnostic = Rejected("RNNG017", $"{Network} public partial class Steps<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("rename the class", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG018_element_type_must_not_be_named_like_a_generated_member()
    {
        Diagnostic diagnostic = Rejected("RNNG018", $"{Network} public partial class Adder<Hidden> where Hidden : IFloatingPointIeee754<Hidden>;");
        Assert.Contains("'Hidden'", diagnostic.GetMessage());
        Assert.Contains("rename the type parameter", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG019_class_must_not_be_file_local()
    {
        Diagnostic diagnostic = Rejected("RNNG019", $"{Network} file partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("remove the 'file' modifier", diagnostic.GetMessage());
        Assert.Contains("'Box'", Rejected("RNNG019", $"file partial class Box {{ {Network} public partial class Adder<T> where T : IFloatingPointIeee754<T>; }}").GetMessage());
    }

    [Fact]
    public void RNNG020_class_must_not_have_a_primary_constructor()
    {
        Diagnostic diagnostic = Rejected("RNNG020", $"{Network} public partial class Adder<T>(int size) where T : IFloatingPointIeee754<T> {{ public int Size => size; }}");
        Assert.Contains("'Adder(int size)'", diagnostic.GetMessage());
        Assert.Contains("remove the parameter list", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG021_base_class_needs_a_constructor_without_arguments()
    {
        Diagnostic diagnostic = Rejected("RNNG021", $"public class Layer {{ public Layer(int size) {{ }} }} {Network} public partial class Adder<T> : Layer where T : IFloatingPointIeee754<T>;");
        Assert.Contains("add one to 'Layer' (it may be protected)", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG022_base_class_members_must_not_be_hidden()
    {
        Diagnostic diagnostic = Rejected("RNNG022", $"public abstract class Model {{ public abstract void ZeroGradients(); public int Hidden; }} {Network} public partial class Adder<T> : Model where T : IFloatingPointIeee754<T>;");
        Assert.Contains("'ZeroGradients()', 'Hidden'", diagnostic.GetMessage());
        Assert.Contains("rename or remove it in 'Model'", diagnostic.GetMessage());
    }

    [Fact]
    public void RNNG023_a_call_with_an_int_element_type_must_say_dense_or_tokens()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RecurrentNetwork(2, 3, 1, 2, HiddenActivation = Activation.Identity, OutputActivation = Activation.Identity)]
            public partial class Lin<T> where T : INumber<T>;
            public static class Use
            {
                public static void Run(int[] inputs, int[] tokens, int[] outputs)
                {
                    var network = new Lin<int>();
                    network.Forward(inputs, outputs);                        // RNNG023: runs the token overload
                    network.Train(inputs, outputs, 1);                       // RNNG023
                    network.Forward(inputs: inputs, outputs: outputs);       // dense, said so
                    network.Forward(tokens: tokens, outputs);                // tokens, said so
                    ((IRecurrentNetwork<int>)network).Forward(inputs, outputs);
                    ((ITokenNetwork<int>)network).Forward(tokens, outputs);
                    network.Step(1, outputs, outputs);
                    new Lin<long>().Forward(tokens, new long[2]);            // only the token overload takes int here
                    new Twins<int>().Take(1);                                // not a network
                }
            }
            public class Twins<T> { public void Take(T value) { } public void Take(int value) { } }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Diagnostic[] warnings = GeneratorHarness.AnalyzerDiagnostics(run.Output).ToArray();
        Assert.Equal(new[] { 11, 12 }, warnings.Select(warning => warning.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.All(warnings, warning => Assert.Equal(("RNNG023", DiagnosticSeverity.Warning), (warning.Id, warning.Severity)));
        Assert.Contains("'Forward(ReadOnlySpan<int> tokens, Span<T> outputs)' and 'Forward(ReadOnlySpan<T> inputs, Span<T> outputs)'", warnings[0].GetMessage());
        Assert.Contains("('tokens:' or 'inputs:')", warnings[0].GetMessage());

        // Naming the argument selects the overload: the dense one for 'inputs:'.
        SyntaxTree tree = run.Output.SyntaxTrees.First();
        var named = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Single(call => call.ToString().Contains("inputs: inputs"));
        var target = (IMethodSymbol)run.Output.GetSemanticModel(tree).GetSymbolInfo(named).Symbol!;
        Assert.Equal("inputs", target.Parameters[0].Name);
    }

    [Fact]
    public void RNNG030_a_network_has_at_least_one_layer()
    {
        Diagnostic diagnostic = Rejected("RNNG030", "[RecurrentNetwork(2, 16, 1, 8, Layers = 0)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
        Assert.Contains("Layers = 0", diagnostic.GetMessage());
        Assert.Contains("write Layers = 1", diagnostic.GetMessage());
        Rejected("RNNG030", "[RecurrentNetwork(2, 16, 1, 8, Cell = CellKind.Lstm, Layers = -2)] public partial class Adder<T> where T : IFloatingPointIeee754<T>;");
    }

    [Fact]
    public void Stacked_layers_count_toward_the_unroll_budget()
    {
        // 40 steps in each of 4 layers are 160 step methods each way: Full falls back to loops with RNNG008 naming both.
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + "[RecurrentNetwork(2, 4, 1, 40, Layers = 4, Unroll = Unroll.Full)] public partial class Deep<T> where T : IFloatingPointIeee754<T>;");
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("RNNG008", diagnostic.Id);
        Assert.Contains("4 layers", diagnostic.GetMessage());
        Assert.Contains("Unroll.None", Assert.Single(run.Sources).Source.Split('\n')[2]);
        Assert.Empty(run.CompilationDiagnostics);
        // A stacked network's constant Layers is reserved in every network class, so no setting turns a user member into a clash.
        Rejected("RNNG007", "[RecurrentNetwork(2, 4, 1, 8, Layers = 2)] public partial class Deep<T> where T : IFloatingPointIeee754<T> { public int Layers => 2; }");
        Rejected("RNNG007", "[RecurrentNetwork(2, 4, 1, 8)] public partial class Shallow<T> where T : IFloatingPointIeee754<T> { public int Layers => 1; }");
    }

    [Fact]
    public void Batch_calls_with_an_int_element_type_get_RNNG023_too()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            [RecurrentNetwork(2, 3, 1, 2, HiddenActivation = Activation.Identity, OutputActivation = Activation.Identity)]
            public partial class Lin<T> where T : INumber<T>;
            public static class Use
            {
                public static void Run(int[] values, int[] outputs)
                {
                    var network = new Lin<int>();
                    network.ForwardBatch(values, outputs);                     // RNNG023
                    network.StepBatch(values, outputs, outputs);               // RNNG023
                    network.TrainBatch(values, values, 1);                     // RNNG023
                    network.ForwardBatch(inputs: values, outputs);
                    network.StepBatch(tokens: values, outputs, outputs);
                }
            }
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Diagnostic[] warnings = GeneratorHarness.AnalyzerDiagnostics(run.Output).ToArray();
        Assert.Equal(new[] { 11, 12, 13 }, warnings.Select(warning => warning.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.All(warnings, warning => Assert.Equal("RNNG023", warning.Id));
    }

    [Fact]
    public void Every_descriptor_has_a_test_and_a_unique_id()
    {
        string[] ids = typeof(Generators.RecurrentNetworkGenerator).Assembly.GetType("RnnGen.Generators.DiagnosticDescriptors")!
            .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(field => field.GetValue(null)).OfType<DiagnosticDescriptor>().Select(descriptor => descriptor.Id).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        string[] tested = typeof(DiagnosticTests).GetMethods().Select(method => method.Name).Where(name => name.StartsWith("RNNG")).Select(name => name[..7]).ToArray();
        // RNNG015 reports a bug in the generator itself, which no declaration can provoke on purpose.
        Assert.Equal(ids.Where(id => id != "RNNG015").OrderBy(id => id), tested.OrderBy(id => id));
    }

    private static Diagnostic[] Run(string declaration) =>
        GeneratorHarness.Run(GeneratorHarness.Usings + declaration).GeneratorDiagnostics.ToArray();

    /// <summary>Asserts the declaration is rejected with <paramref name="id"/>, on its own source, with nothing generated.</summary>
    private static Diagnostic Rejected(string id, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + declaration);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        FileLinePositionSpan where = diagnostic.Location.GetLineSpan();
        Assert.Equal("Networks.cs", where.Path);
        Assert.Equal(3, where.StartLinePosition.Line);
        Assert.Empty(run.Sources);
        return diagnostic;
    }
}
