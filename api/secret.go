package api

import "fmt"

// Secret holds a credential-like value from the service (a pre-shared key,
// a BGP auth key). It prints masked through every fmt verb, JSON and text
// marshalling, so it cannot leak into a log line or an error by accident;
// only Reveal gives the value, and only the detail view calls it on request.
type Secret struct{ value string }

// NewSecret wraps v.
func NewSecret(v string) Secret { return Secret{value: v} }

// Mask is what a set secret shows instead of its value. It has a fixed
// length so the mask does not tell the length of the secret either.
const Mask = "••••••••"

// Reveal returns the secret in clear text.
func (s Secret) Reveal() string { return s.value }

// IsSet reports whether the service returned a value.
func (s Secret) IsSet() bool { return s.value != "" }

// String returns the mask, or "" when there is no value.
func (s Secret) String() string {
	if s.value == "" {
		return ""
	}
	return Mask
}

// GoString keeps %#v masked too.
func (s Secret) GoString() string { return `api.Secret("` + s.String() + `")` }

// Format masks every verb, %x and %q included.
func (s Secret) Format(f fmt.State, verb rune) { fmt.Fprint(f, s.String()) }

// MarshalText masks the value in JSON, YAML and text encoders.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
