using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using Microsoft.Extensions.DependencyInjection;
using Newsroom.Application.Common;
using Newsroom.Domain;
using Newsroom.Web.Localization;
using Newsroom.Web.Tests.Infrastructure;

namespace Newsroom.Web.Tests.Localization;

/// <summary>
/// Every message the Application's validators can give has English and Arabic text: found by reading every
/// validator's rules (every <c>AbstractValidator&lt;T&gt;</c> in the assembly, child rules included), not from a list.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ValidationMessageTests(WebFixture web)
{
    private static readonly CultureInfo Arabic = CultureInfo.GetCultureInfo("ar");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void Every_rule_of_every_validator_has_a_message_in_English_and_Arabic_that_renders_whole()
    {
        using var scope = web.Factory.Services.CreateScope();
        var validators = typeof(ValidationMessages).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && ValidatedType(t) is not null)
            .Select(t => (IValidator)ActivatorUtilities.CreateInstance(scope.ServiceProvider, t))
            .ToList();
        var problems = new List<string>();
        var messages = 0;

        foreach (var validator in validators)
        {
            foreach (var (rule, component, validated) in Components(validator))
            {
                messages++;
                var where = $"{validator.GetType().FullName}.{rule.PropertyName} ({component.Validator.Name})";
                var arabic = ArabicOf(component, validated);
                if (arabic is null)
                {
                    problems.Add($"{where}: no Arabic for '{component.GetUnformattedErrorMessage()}'");
                }
                else if (!arabic.Any(c => c is >= '\u0600' and <= '\u06FF') || arabic.Contains('{', StringComparison.Ordinal))
                {
                    problems.Add($"{where}: renders in Arabic as '{arabic}'");
                }
            }
        }

        Assert.True(validators.Count > 30 && messages > 100, $"Only {validators.Count} validators and {messages} messages found: the scan is broken.");
        Assert.Empty(problems);
    }

    [Fact]
    public void A_message_with_a_number_renders_from_its_code_in_either_language_and_a_failure_without_one_as_written()
    {
        var failure = ValidationMessages.Failure("Bio", "A bio can be up to 500 characters.", "validation.bio-too-long", 500);
        var unknown = new FluentValidation.Results.ValidationFailure("Bio", "Something only English says.");

        Assert.Equal("الحد الأقصى لعدد أحرف النبذة 500.", RefusalText.Render(failure, Arabic));
        Assert.Equal("A bio can be up to 500 characters.", RefusalText.Render(failure, English));
        Assert.Equal("Something only English says.", RefusalText.Render(unknown, Arabic));
    }

    [Fact]
    public void FluentValidations_own_wording_given_in_English_is_worded_again_in_Arabic_and_a_sentence_of_ours_is_not()
    {
        var before = CultureInfo.CurrentUICulture;
        FluentValidation.Results.ValidationResult result;
        try
        {
            CultureInfo.CurrentUICulture = English;
            result = new Newsroom.Application.Features.Comments.AddComment.Validator()
                .Validate(new Newsroom.Application.Features.Comments.AddComment.Command(Guid.NewGuid(), "", AnchorField: "caption"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        var empty = RefusalText.Render(result.Errors.Single(e => e.PropertyName == "Body"), Arabic);
        var anchor = RefusalText.Render(result.Errors.Single(e => e.PropertyName == "AnchorField"), Arabic);

        Assert.Equal(ValidatorOptions.Global.LanguageManager.GetString("NotEmptyValidator", Arabic).Replace("{PropertyName}", "Body", StringComparison.Ordinal), empty);
        Assert.Equal("اربط التعليق بـ 'headline' أو 'standfirst' أو 'body'.", anchor);
    }

    // A coded message renders from its template; a constant sentence is its own key; FluentValidation's own wording
    // is taken in Arabic from its language manager, formatted as the edge formats it.
    private static string? ArabicOf(IRuleComponent component, Type validated)
    {
        if (component.ErrorCode is { } code && code.StartsWith("validation.", StringComparison.Ordinal))
        {
            var message = State(component, validated) as Message;
            Assert.True(message is not null, $"{code} carries no message");
            Assert.True(UiTextResources.English.ContainsKey(code), $"{code} has no English template");
            return UiTextResources.Arabic.ContainsKey(code) ? RefusalText.Render(message!, Arabic) : null;
        }

        var text = component.GetUnformattedErrorMessage();
        var builtIn = ValidatorOptions.Global.LanguageManager.GetString(component.Validator.Name, English);
        if (text == builtIn)
        {
            var failure = new FluentValidation.Results.ValidationFailure("Body", Format(builtIn))
            {
                ErrorCode = component.Validator.Name,
                FormattedMessagePlaceholderValues = Placeholders,
            };
            return RefusalText.Render(failure, Arabic);
        }

        return UiTextResources.Arabic.GetValueOrDefault(text);
    }

    private static readonly Dictionary<string, object> Placeholders = new()
    {
        ["PropertyName"] = "Body", ["PropertyValue"] = "", ["PropertyPath"] = "Body", ["MaxLength"] = 10, ["MinLength"] = 1,
        ["TotalLength"] = 11, ["ComparisonValue"] = 0, ["ComparisonProperty"] = "", ["From"] = 1, ["To"] = 10,
    };

    private static string Format(string template)
    {
        var formatter = new MessageFormatter();
        foreach (var (name, value) in Placeholders)
        {
            formatter.AppendArgument(name, value);
        }

        return formatter.BuildMessage(template);
    }

    // The state a rule attaches to its failure (ValidationMessages.Says), asked of an instance with every field unset.
    private static object? State(IRuleComponent component, Type validated)
    {
        var provider = (Delegate?)component.GetType().GetProperty("CustomStateProvider")!.GetValue(component);
        var context = Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(validated), RuntimeHelpers.GetUninitializedObject(validated));
        return provider?.DynamicInvoke(context, null);
    }

    private static IEnumerable<(IValidationRule Rule, IRuleComponent Component, Type Validated)> Components(IValidator validator)
    {
        var validated = ValidatedType(validator.GetType())!;
        foreach (var rule in validator.CreateDescriptor().Rules)
        {
            foreach (var component in rule.Components)
            {
                if (component.Validator is IChildValidatorAdaptor)
                {
                    foreach (var child in Components(ChildValidator(component, validated)))
                    {
                        yield return child;
                    }
                }
                else
                {
                    yield return (rule, component, validated);
                }
            }
        }
    }

    // RuleForEach(...).ChildRules(...) keeps its rules in an inline validator the adaptor makes on demand.
    private static IValidator ChildValidator(IRuleComponent component, Type validated)
    {
        var context = Activator.CreateInstance(typeof(ValidationContext<>).MakeGenericType(validated), RuntimeHelpers.GetUninitializedObject(validated));
        var getValidator = component.Validator.GetType().GetMethod("GetValidator", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!;
        return (IValidator)getValidator.Invoke(component.Validator, [context, null])!;
    }

    private static Type? ValidatedType(Type type) => type.GetInterfaces()
        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))?.GetGenericArguments()[0];
}
