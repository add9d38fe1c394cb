namespace EduInfo.Api.Problems;

/// <summary>Why a request body could not be bound to its type (messages <c>binding.error.{name}</c>).</summary>
public enum BindingError
{
    /// <summary>A whole number was expected: a string, a fraction, an exponent or a value beyond the range came.</summary>
    NotInteger,

    /// <summary>A date YYYY-MM-DD that exists was expected.</summary>
    DateInvalid,

    /// <summary>A UUID was expected.</summary>
    UuidInvalid,

    /// <summary>Another value of the wrong type, or a name that is not one of the allowed values.</summary>
    ValueInvalid,

    /// <summary>A field the request does not have (no mass assignment).</summary>
    FieldUnknown,

    /// <summary>A field given twice in one object.</summary>
    FieldDuplicate,

    /// <summary>No body, or not JSON, or JSON of another shape than the request's.</summary>
    BodyMalformed,
}
