using System.Diagnostics;

namespace Newsroom.Web.Tests.ClientApp;

/// <summary>Runs the editor's scripts in Node (the build already needs it) for the parity tests.</summary>
internal static class NodeScript
{
    /// <summary>Runs node with <paramref name="arguments"/>, writes <paramref name="stdin"/> to it, and returns what it printed; fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, string stdin)
    {
        var start = new ProcessStartInfo("node", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start: it is needed to build the editor too.");
        await node.StandardInput.WriteAsync(stdin);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, error);
        return await output;
    }
}
