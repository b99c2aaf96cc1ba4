package api

// What every provider's resources have.

// Region is one region the account can use.
type Region struct {
	ID        string
	LocalName string
	Endpoint  string
	// NotEnabled: a region of the cloud the account has not enabled (an
	// AWS opt-in region not opted in to); the picker lists it apart.
	NotEnabled bool
}

// Tag is a resource tag.
type Tag struct{ Key, Value string }
