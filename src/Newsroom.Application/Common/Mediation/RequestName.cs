namespace Newsroom.Application.Common.Mediation;

public static class RequestName
{
    /// <summary>
    /// The use case a request belongs to: "SubmitForReview" for <c>SubmitForReview.Command</c>, because a use case
    /// is one file whose nested types are all called Command, Query or Handler.
    /// </summary>
    public static string Of(Type requestType) => requestType.DeclaringType?.Name ?? requestType.Name;
}
