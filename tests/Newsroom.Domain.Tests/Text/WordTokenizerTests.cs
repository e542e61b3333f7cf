using Newsroom.Domain.Text;

namespace Newsroom.Domain.Tests.Text;

public sealed class WordTokenizerTests
{
    [Theory]
    [InlineData("The council voted 31 to 9.", 6)]
    [InlineData("don't stop", 2)]
    [InlineData("مُحَمَّد", 1)]
    [InlineData("الســـلام عليكم", 2)]
    [InlineData("قال،ثم مضى؛ لماذا؟نعم", 5)]
    [InlineData("صورة gettyimages 2230342714", 3)]
    [InlineData("البيت ــ الأبيض", 2)]
    [InlineData("a \u200F b", 2)]
    [InlineData("  ", 0)]
    public void Counts_words_with_diacritics_tatweel_and_Arabic_punctuation(string text, int words) =>
        Assert.Equal(words, WordTokenizer.CountWords(text));

    [Fact]
    public void Tokens_join_back_into_the_text_exactly()
    {
        const string text = "قال: «إنّ الحريق 🔥 انطفأ»،\nthen left.";

        Assert.Equal(text, string.Concat(WordTokenizer.Tokenize(text).Select(t => t.Text)));
    }

    [Fact]
    public void An_emoji_is_one_punctuation_token_not_two_halves()
    {
        var tokens = WordTokenizer.Tokenize("a🔥b").ToList();

        Assert.Equal(["a", "🔥", "b"], tokens.Select(t => t.Text));
        Assert.Equal(TokenKind.Punctuation, tokens[1].Kind);
    }
}
