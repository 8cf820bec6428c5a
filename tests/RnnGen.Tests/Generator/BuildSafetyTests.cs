using System.Linq;
using Xunit;
using static RnnGen.Tests.Generator.BuildSafety;

namespace RnnGen.Tests.Generator;

/// <summary>
/// Odd but ordinary C# that once broke builds (issue 19), one declaration per case: each either compiles cleanly or
/// gets the RNNG diagnostic that says what to write, and never an error inside generated code.
/// </summary>
public class BuildSafetyTests
{
    private const string Shape = "[RecurrentNetwork(2, 4, 1, 3)]";
    private const string Floating = "where T : IFloatingPointIeee754<T>";

    // ---- Generated file names: unique by construction. ----

    [Fact]
    public void Classes_whose_names_differ_only_in_case_each_get_their_code() => AssertCompilesCleanly($$"""
        namespace Demo;
        {{Shape}} public partial class Net<T> {{Floating}};
        {{Shape}} public partial class NET<T> {{Floating}};
        {{Shape}} public partial class Third<T> {{Floating}};
        public static class Use { public static object Make() => new Third<double>(1); }
        """);

    [Fact]
    public void Containing_types_that_differ_only_in_arity_each_get_their_code() => AssertCompilesCleanly($$"""
        namespace Demo;
        public partial class Outer { {{Shape}} public partial class Net<T> {{Floating}}; }
        public partial class Outer<U> { {{Shape}} public partial class Net<T> {{Floating}}; }
        """);

    [Fact]
    public void A_namespace_and_a_containing_type_of_the_same_dotted_name_each_get_their_code() => AssertCompilesCleanly($$"""
        namespace A.B { {{Shape}} public partial class Net<T> {{Floating}}; }
        namespace A { public partial class B<U> { {{Shape}} public partial class Net<T> {{Floating}}; } }
        """);

    [Fact]
    public void Non_ascii_names_that_differ_only_in_case_each_get_their_code() => AssertCompilesCleanly($$"""
        namespace Données;
        {{Shape}} public partial class Réseau<Tλ> where Tλ : IFloatingPointIeee754<Tλ>;
        {{Shape}} public partial class RÉSEAU<Tλ> where Tλ : IFloatingPointIeee754<Tλ>;
        {{Shape}} public partial class Ñet<T> {{Floating}};
        {{Shape}} public partial class ñet<T> {{Floating}};
        """);

    [Fact]
    public void Keyword_namespaces_and_containers_are_escaped() => AssertCompilesCleanly($$"""
        namespace @class.@event;
        public partial class @struct<@int> { {{Shape}} public partial class @namespace<T> {{Floating}}; }
        """);

    /// <summary>
    /// Types named like everything the generated code uses from the framework and from RnnGen, in the network's namespace
    /// and inside its containing type, where they are in scope of the generated code: every name there is global::-qualified.
    /// </summary>
    [Theory]
    [InlineData("[RecurrentNetwork(2, 4, 2, 3, Unroll = Unroll.None, Bias = true, OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy)]")]
    [InlineData("[RecurrentNetwork(2, 4, 1, 3, Unroll = Unroll.Full, Bias = true, HiddenActivation = Activation.Tanh)]")]
    [InlineData("[RecurrentNetwork(2, 3, 2, 3, Cell = CellKind.Lstm, Unroll = Unroll.Full, Bias = true)]")]
    [InlineData("[RecurrentNetwork(2, 3, 1, 3, Cell = CellKind.Gru, Unroll = Unroll.None, Bias = true)]")]
    public void Framework_and_library_names_declared_by_the_user_capture_nothing(string attribute)
    {
        const string Shadows = """
            public class System { } public class RnnGen { } public class Span<X> { } public class ReadOnlySpan<X> { }
            public class Math { } public class MathF { } public class Random { } public class Array { } public class Unsafe { }
            public class MemoryMarshal { } public class Vector { } public class Vector128 { } public class Vector256 { } public class Vector<X> { }
            public class ArgumentException { } public class ArgumentOutOfRangeException { } public class InvalidOperationException { }
            public class Environment { } public class Parallel { } public class Interlocked { } public class Exception { } public class Int32 { }
            public class Double { } public class Half { } public class Single { } public class Buffer { } public class Object { } public class String { }
            public class GeneratedCode { } public class GeneratedCodeAttribute { } public class AlignedArray<X> { } public class NetworkShape { }
            public class CellKind { } public class Activation { } public class LossKind { } public class ActivationFunctions { } public class Losses { }
            public class IRecurrentNetwork<X> { } public class ITokenNetwork<X> { } public class IBatchNetwork<X> { } public class BatchRunner { }
            public class INumber<X> { } public class IExponentialFunctions<X> { } public class IHyperbolicFunctions<X> { } public class ILogarithmicFunctions<X> { }
            public class MethodImpl { } public class MethodImplAttribute { } public class MethodImplOptions { } public class SkipLocalsInit { }
            """;
        AssertCompilesCleanly($$"""
            namespace Demo
            {
                {{Shadows}}
                public partial class Outer
                {
                    {{Shadows}}
                    {{attribute}}
                    public partial class Net<T> where T : global::System.Numerics.IFloatingPointIeee754<T>;
                }
            }
            """.Replace("[RecurrentNetwork(", "[global::RnnGen.RecurrentNetwork(").Replace("= Unroll.", "= global::RnnGen.Unroll.")
            .Replace("= Activation.", "= global::RnnGen.Activation.").Replace("= LossKind.", "= global::RnnGen.LossKind.").Replace("= CellKind.", "= global::RnnGen.CellKind."));
    }

    [Fact]
    public void The_attribute_on_two_parts_of_one_class_is_only_the_compilers_error()
    {
        GeneratorRun run = RunSound($"{Shape} public partial class Net<T> {Floating};", $"{Shape} public partial class Net<T> {{ }}");
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.Sources);
        Assert.Equal(new[] { "CS0579" }, run.CompilationDiagnostics.Select(diagnostic => diagnostic.Id));
    }

    [Fact]
    public void Parts_of_the_class_in_other_files_are_seen() =>
        AssertReported(new[] { $"{Shape} public partial class Net<T> {Floating};", "public partial class Net<T> { public int Hidden => 2; }" }, "RNNG007");

    // ---- Names the generated code must not collide with. ----

    /// <summary>The names of the issue and keywords; every name the generated code declares is in <see cref="GeneratedNameTests"/>.</summary>
    [Fact]
    public void The_element_type_may_have_any_name() => AssertCompilesCleanly(string.Concat(
        from name in new[] { "TChunk", "p", "w", "step", "Computation", "nint", "nameof", "@record", "var", "@int", "value", "dynamic", "Load" }
        from declaration in new[] { "[RecurrentNetwork(2, 4, 2, 3, Bias = true, Unroll = Unroll.Full)]", "[RecurrentNetwork(2, 4, 2, 3, Cell = CellKind.Gru, Unroll = Unroll.None)]" }
        select $"namespace N{name.TrimStart('@')}{declaration.Length} {{ {declaration} public partial class Net<{name}> where {name} : IFloatingPointIeee754<{name}>; }}\n"));

    [Theory]
    [InlineData("@event")]
    [InlineData("@class")]
    [InlineData("@record")]
    [InlineData("Computation")]
    [InlineData("TChunk")]
    [InlineData("p")]
    public void The_class_may_have_any_name_but_a_generated_members(string name) =>
        AssertCompilesCleanly($"{Shape} public partial class {name}<T> {Floating};");

    [Theory]
    [InlineData("Hidden")]
    [InlineData("Steps")]
    [InlineData("Step")]
    [InlineData("Forward")]
    public void A_class_named_like_a_generated_member_is_RNNG017(string name) =>
        AssertReported($"{Shape} public partial class {name}<T> where T : IFloatingPointIeee754<T>;", "RNNG017");

    [Theory]
    [InlineData("Hidden")]
    [InlineData("Train")]
    [InlineData("Parameters")]
    public void An_element_type_named_like_a_generated_member_is_RNNG018(string name) =>
        AssertReported($"{Shape} public partial class Net<{name}> where {name} : IFloatingPointIeee754<{name}>;", "RNNG018");

    [Fact]
    public void A_file_local_class_is_RNNG019() => AssertReported($"{Shape} file partial class Net<T> {Floating};", "RNNG019");

    [Fact]
    public void A_class_inside_a_file_local_type_is_RNNG019() =>
        AssertReported($"file partial class Outer {{ {Shape} public partial class Net<T> {Floating}; }}", "RNNG019");

    [Fact]
    public void Attributes_on_containing_type_parameters_are_not_repeated() => AssertCompilesCleanly($$"""
        public sealed class TagAttribute : Attribute { }
        public partial class Outer<[Tag] U> { {{Shape}} public partial class Net<[Tag] T> {{Floating}}; }
        """);

    [Fact]
    public void Nested_generic_containers_with_colliding_type_parameter_names_compile() => AssertCompilesCleanly($$"""
        namespace Deep.Down;
        public partial class Outer<TChunk> { public partial struct Middle<p, w> { public partial record Inner<step>
            { {{Shape}} internal partial class Net<T> {{Floating}}; } } }
        """);

    [Fact]
    public void Records_structs_and_interfaces_may_contain_a_network() => AssertCompilesCleanly($$"""
        public partial record Point(int X) { {{Shape}} public partial class Net<T> {{Floating}}; }
        public partial record struct Pair(int A) { {{Shape}} public partial class Net<T> {{Floating}}; }
        public readonly partial struct Fixed { {{Shape}} public partial class Net<T> {{Floating}}; }
        public ref partial struct Stack { {{Shape}} public partial class Net<T> {{Floating}}; }
        public partial interface IHolder { {{Shape}} public partial class Net<T> {{Floating}}; }
        public static partial class Holder { {{Shape}} public partial class Net<T> {{Floating}}; }
        """);

    [Fact]
    public void Element_type_constraints_and_attributes_are_kept_by_the_users_declaration() => AssertCompilesCleanly($$"""
        public sealed class TagAttribute : Attribute { }
        {{Shape}} public partial class A<T> where T : unmanaged, IFloatingPointIeee754<T>;
        {{Shape}} public partial class B<T> where T : notnull, IFloatingPointIeee754<T>, new();
        {{Shape}} public partial class C<T> where T : struct, IFloatingPointIeee754<T>;
        {{Shape}} public partial class D<[Tag] T> where T : class, IFloatingPointIeee754<T>;
        {{Shape}} internal sealed partial class F<T> {{Floating}};
        """);

    [Fact]
    public void Constraint_errors_the_compiler_reports_get_no_RNNG_report()
    {
        AssertOnlyCompilerErrors($"{Shape} public partial class Net<T> where T : IFloatingPointIeee754<T>, allows ref struct;", "CS9244");
        AssertOnlyCompilerErrors($"{Shape} public partial class Net<T> where T : IFloatingPointIEEE754<T>;", "CS0246");
    }

    [Fact]
    public void Private_generated_names_give_way_to_the_users_members() => AssertCompilesCleanly($$"""
        {{Shape}} public partial class Net<T> {{Floating}}
        {
            private readonly int parameters = 1, workspace = 2;
            private sealed class Computation { }
            public int RunForward(bool fromZeroState) => fromZeroState ? parameters : workspace;
            public static string nameof(object value) => "mine";
        }
        """);

    [Fact]
    public void A_nameof_method_or_nint_type_in_scope_changes_nothing() => AssertCompilesCleanly($$"""
        public partial class nint { public static void nameof(int value) { }
            [RecurrentNetwork(2, 4, 1, 3, Unroll = Unroll.Full)] public partial class Net<T> {{Floating}}; }
        """);

    // ---- The class's own shape: constructors and base classes. ----

    [Fact]
    public void An_abstract_class_is_RNNG013() => AssertReported($"{Shape} public abstract partial class Net<T> {Floating};", "RNNG013");

    [Fact]
    public void A_primary_constructor_is_RNNG020()
    {
        AssertReported($"{Shape} public partial class Net<T>(int size) {Floating};", "RNNG020");
        AssertReported($"{Shape} public partial class Net<T>() {Floating};", "RNNG020");
    }

    [Fact]
    public void A_base_class_without_a_parameterless_constructor_is_RNNG021()
    {
        AssertReported($"public class Base {{ public Base(int x) {{ }} }} {Shape} public partial class Net<T> : Base {Floating};", "RNNG021");
        AssertReported($"public class Base {{ private Base() {{ }} public Base(int x) {{ }} }} {Shape} public partial class Net<T> : Base {Floating};", "RNNG021");
        AssertCompilesCleanly($"public abstract class Base {{ protected Base() {{ }} public Base(int x) {{ }} }} {Shape} public partial class Net<T> : Base {Floating};");
        AssertCompilesCleanly($"public class Base {{ public Base(int x = 3) {{ }} }} {Shape} public partial class Net<T> : Base {Floating};");
    }

    [Theory]
    [InlineData("public abstract class Base { public abstract void ZeroGradients(); }")]
    [InlineData("public class Base { public virtual void ZeroGradients() { } }")]
    [InlineData("public class Base { public void ZeroGradients() { } }")]
    [InlineData("public class Base { protected int Hidden; }")]
    [InlineData("public class Base<U> { public void Forward(ReadOnlySpan<U> x, Span<U> y) { } }")]
    public void A_base_member_the_network_would_hide_is_RNNG022(string baseClass)
    {
        string derivation = baseClass.Contains("Base<U>") ? "Base<T>" : "Base";
        AssertReported($"{baseClass} {Shape} public partial class Net<T> : {derivation} {Floating};", "RNNG022");
    }

    [Fact]
    public void Base_members_the_network_does_not_hide_are_fine() => AssertCompilesCleanly($$"""
        public class Base
        {
            public void Forward(int[] bits) { }
            public virtual void ZeroGradients(int from) { }
            protected int workspace;
            protected void RunForward(bool fromZeroState) { }
            private int Hidden = 0;
            public int Unused => Hidden;
        }
        {{Shape}} public partial class Net<T> : Base {{Floating}};
        """);

    // ---- Arguments and members: diagnostics that say the right thing. ----

    [Theory]
    [InlineData("\"2\", 4, 1, 3", "CS1503")]
    [InlineData("2L, 4, 1, 3", "CS1503")]
    [InlineData("2, 4, 1, 3, 5", "CS1729")]
    [InlineData("2, 4, 1", "CS7036")]
    [InlineData("2, 4, 1, hidden: 3", "CS1744")]
    [InlineData("2, 4, 1, 3, Bias = 1", "CS0029")]
    [InlineData("2, 4, 1, 3, Cell = 1", "CS0266")]
    [InlineData("2, 4, 1, 3, Cell = CellKind.Foo", "CS0117")]
    public void Argument_errors_the_compiler_reports_get_no_RNNG_report(string arguments, string compilerError) =>
        AssertOnlyCompilerErrors($"[RecurrentNetwork({arguments})] public partial class Net<T> {Floating};", compilerError);

    [Theory]
    [InlineData("public void Forward<U>(ReadOnlySpan<T> a, Span<T> b) { }")]
    [InlineData("public void Forward(in ReadOnlySpan<T> a, Span<T> b) { }")]
    [InlineData("public void Forward(ReadOnlySpan<T> a, Span<T> b, int extra) { }")]
    [InlineData("public void Initialize(Random random, float scale) { }")]
    [InlineData("public Net(long seed) : this() { }")]
    [InlineData("public static void ZeroGradients(int from) { }")]
    public void Legal_overloads_are_not_RNNG007(string member) =>
        AssertCompilesCleanly($"{Shape} public partial class Net<T> {Floating} {{ {member} }}");

    [Theory]
    [InlineData("public void Forward(ReadOnlySpan<T> a, Span<T> b) { }")]
    [InlineData("public void Forward(ReadOnlySpan<int> a, Span<T> b) { }")]
    [InlineData("public void Initialize(Random? random, double scale) { }")]
    [InlineData("public int ZeroGradients() => 0;")]
    [InlineData("public Net(int seed) { }")]
    [InlineData("public int Step;")]
    [InlineData("public void Shape() { }")]
    [InlineData("public class Inputs { }")]
    public void Members_that_clash_in_CSharp_are_RNNG007(string member) =>
        AssertReported($"{Shape} public partial class Net<T> {Floating} {{ {member} }}", "RNNG007");

    [Fact]
    public void The_attribute_on_a_struct_is_only_the_compilers_error() =>
        AssertOnlyCompilerErrors($"{Shape} public partial struct Net<T> {Floating};", "CS0592");

    // ---- Settings that compile but cannot work. ----

    [Theory]
    [InlineData("30, 2147483647, 4, 1, Cell = CellKind.Gru, Bias = true")]
    [InlineData("2147483647, 2147483647, 2147483647, 2147483647, Cell = CellKind.Lstm")]
    [InlineData("1, 1073741824, 1, 1, Cell = CellKind.Lstm")]
    public void Sizes_whose_products_pass_64_bits_are_RNNG012(string arguments) =>
        AssertReported($"[RecurrentNetwork({arguments})] public partial class Net<T> {Floating};", "RNNG012");

    [Fact]
    public void Softmax_with_one_output_is_RNNG016()
    {
        AssertReported("[RecurrentNetwork(2, 4, 1, 3, OutputActivation = Activation.Softmax)] public partial class Net<T> where T : IFloatingPointIeee754<T>;", "RNNG016");
        AssertReported("[RecurrentNetwork(2, 4, 1, 3, OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Cell = CellKind.Gru)] public partial class Net<T> where T : IFloatingPointIeee754<T>;", "RNNG016");
        AssertCompilesCleanly("[RecurrentNetwork(2, 4, 2, 3, OutputActivation = Activation.Softmax)] public partial class Net<T> where T : IFloatingPointIeee754<T>;");
    }
}
