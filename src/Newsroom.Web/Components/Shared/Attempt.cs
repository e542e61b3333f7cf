using FluentValidation;
using Newsroom.Application.Common;
using Newsroom.Web.Localization;

namespace Newsroom.Web.Components.Shared;

/// <summary>
/// What a form shows after it sent a request: busy while it runs, then either the field messages, or one message
/// that says what happened and what to do. The pipeline's refusals become words here, as the API turns them into
/// problem details.
/// </summary>
public sealed class Attempt
{
    private static readonly Dictionary<string, string[]> NoFieldErrors = [];

    public bool Busy { get; private set; }

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The last try was refused because someone else saved first: offer their version.</summary>
    public bool Stale { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = NoFieldErrors;

    public void Reset()
    {
        Stale = false;
        Error = Done = null;
        FieldErrors = NoFieldErrors;
    }

    public async Task<bool> RunAsync(Func<Task> action, string? done = null)
    {
        Busy = true;
        Reset();
        try
        {
            await action();
            Done = done;
            return true;
        }
        catch (ValidationException e)
        {
            FieldErrors = FieldError.Group(e);
            Error = "Nothing was saved: fix the fields marked below.";
        }
        catch (Exception e) when (Refusals.KindOf(e) is not null)
        {
            Stale = Refusals.IsStale(e);
            Error = RefusalText.MessageOf(e);
        }
        finally
        {
            Busy = false;
        }

        return false;
    }
}
