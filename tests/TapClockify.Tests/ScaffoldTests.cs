namespace TapClockify.Tests;
public class ScaffoldTests { [Xunit.Fact] public void Builds() { } }
