package api

// What every provider's resources have.

// Region is one region the account can use.
type Region struct {
	ID        string
	LocalName string
	Endpoint  string
}

// Tag is a resource tag.
type Tag struct{ Key, Value string }
