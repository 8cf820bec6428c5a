using RnnGen.Benchmarks;
using Xunit;

namespace RnnGen.Tests.Benchmarks;

/// <summary>The command line of <c>RnnGen.Benchmarks --scaling</c> (its options file is compiled into this project; nothing here measures).</summary>
public class ScalingOptionsTests
{
    [Fact]
    public void No_settings_mean_float_and_300_rounds() =>
        Assert.Equal(new ScalingOptions(Double: false, Rounds: 300), ScalingOptions.Parse(["--scaling"]));

    [Fact]
    public void Type_and_rounds_are_read_in_either_order()
    {
        Assert.Equal(new ScalingOptions(Double: true, Rounds: 40), ScalingOptions.Parse(["--scaling", "double", "40"]));
        Assert.Equal(new ScalingOptions(Double: false, Rounds: 7), ScalingOptions.Parse(["--scaling", "7", "float"]));
    }

    [Theory]
    [InlineData("half")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("--rounds")]
    [InlineData("float", "double")]
    [InlineData("5", "5")]
    [InlineData("double", "double")]
    public void Anything_else_is_refused(params string[] settings) =>
        Assert.Null(ScalingOptions.Parse(["--scaling", .. settings]));
}
