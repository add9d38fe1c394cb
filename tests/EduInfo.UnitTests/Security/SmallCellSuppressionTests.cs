using EduInfo.Api.Security;

namespace EduInfo.UnitTests.Security;

public sealed class SmallCellSuppressionTests
{
    // cells "id:students", then the ids expected hidden
    [Theory]
    [InlineData("a:120,b:45,c:10", "")]                 // none below ten
    [InlineData("a:120,b:45,c:9", "b,c")]               // a lone small cell takes the next smallest with it
    [InlineData("a:120,b:3,c:9", "b,c")]                // two small cells hide each other
    [InlineData("a:0,b:200", "a,b")]                    // an empty cell too: the parent minus the other would show it
    [InlineData("a:5", "a")]                            // an only child: nothing to pair with
    [InlineData("a:4,b:6,c:8,d:50", "a,b,c")]
    [InlineData("a:30,b:30,c:2", "a,c")]                // ties broken by id
    [InlineData("", "")]
    public void Hides_small_cells_in_pairs(string cells, string hidden)
    {
        var siblings = cells.Length == 0 ? [] : cells.Split(',').Select(c => (c.Split(':')[0], long.Parse(c.Split(':')[1]))).ToList();
        var expected = hidden.Length == 0 ? [] : hidden.Split(',');
        Assert.Equal(expected.Order(), SmallCellSuppression.Hidden(siblings).Order());
    }
}
