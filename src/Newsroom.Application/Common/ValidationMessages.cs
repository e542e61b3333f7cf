using FluentValidation;
using FluentValidation.Results;
using Newsroom.Domain;

namespace Newsroom.Application.Common;

/// <summary>
/// A validation message with numbers or names in it, kept as data as refusals are: the failure's <c>ErrorCode</c> is
/// the message's code and its <c>CustomState</c> the <see cref="Message"/> (code and arguments), which the edge renders
/// in the reader's language. The English sentence stays the failure's <c>ErrorMessage</c>, for logs and the audit.
/// A constant sentence needs none of this: it is its own key.
/// </summary>
public static class ValidationMessages
{
    public static IRuleBuilderOptions<T, TProperty> Says<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, string english, string code, params object[] args) =>
        rule.WithMessage(english).WithErrorCode(code).WithState(_ => new Message(code, args));

    public static IRuleBuilderOptions<T, TProperty> Says<T, TProperty>(
        this IRuleBuilderOptions<T, TProperty> rule, Func<T, string> english, string code, Func<T, object[]> args) =>
        rule.WithMessage(english).WithErrorCode(code).WithState(c => new Message(code, args(c)));

    /// <summary>A failure found by a handler rather than a validator (a slug taken meanwhile, an anchor past the text's end).</summary>
    public static ValidationFailure Failure(string property, string english, string code, params object[] args) =>
        new(property, english) { ErrorCode = code, CustomState = new Message(code, args) };
}
