using FluentValidation;
using Newsroom.Application.Common;
using Newsroom.Domain.Collab;

namespace Newsroom.Application.Features.Suggestions;

/// <summary>The validation rules the suggestion use cases share: a suggestion id and a note.</summary>
public static class SuggestionRules
{
    public static IRuleBuilderOptions<T, string> IsSuggestionId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(100).Must(id => LiveFields.IsKnown(SettleSuggestion.FieldOf(id)))
            .WithMessage("A suggestion id starts with its field: headline-, standfirst- or body-.");

    public static IRuleBuilderOptions<T, string?> IsSuggestionNote<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(PushLimits.MaxNoteLength)
            .Says($"A suggestion's note is at most {PushLimits.MaxNoteLength} characters.", "validation.suggestion-note-length", PushLimits.MaxNoteLength);
}
