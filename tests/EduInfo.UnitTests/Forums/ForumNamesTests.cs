using EduInfo.Domain.Forums;

namespace EduInfo.UnitTests.Forums;

public sealed class ForumNamesTests
{
    [Theory]
    [InlineData("Айгүл", "Нұрланқызы", "Айгүл Н.")]
    [InlineData("Дәулет", "Әбенов", "Дәулет Ә.")]
    [InlineData(" Aigul ", "  Smith ", "Aigul S.")]
    [InlineData("Aigul", "", "Aigul")]
    [InlineData("Aigul", "   ", "Aigul")]
    [InlineData("", "Нұрланқызы", "Н.")]
    [InlineData("", "", "")]
    [InlineData("Ерлан", "Е\u0308лкин", "Ерлан Е\u0308.")]       // a letter and its combining mark stay together
    [InlineData("Anna", "\U0001D4D0bc", "Anna \U0001D4D0.")]      // a letter outside the BMP is a surrogate pair
    [InlineData("Anna", "\U0001F469\u200D\U0001F393x", "Anna \U0001F469\u200D\U0001F393.")] // an emoji sequence whole
    public void A_student_is_shown_by_the_first_name_and_an_initial(string first, string last, string shown) =>
        Assert.Equal(shown, ForumNames.StudentShown(first, last));
}
