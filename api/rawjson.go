package api

import (
	"encoding/json"
	"strings"
)

// MaskJSON re-indents a resource as the service returned it, with every
// secret-looking string value (a pre-shared key, a BGP auth key, a
// password, a token) replaced by Mask, so it can be shown and pasted into
// a ticket. Keys come out sorted.
func MaskJSON(raw []byte) ([]byte, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	return json.MarshalIndent(mask(v), "", "  ")
}

func mask(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && s != "" && SecretKey(k) {
				x[k] = Mask
				continue
			}
			x[k] = mask(val)
		}
	case []any:
		for i := range x {
			x[i] = mask(x[i])
		}
	}
	return v
}

// SecretKey reports whether a field of that name holds a secret:
// Psk, AuthKey, *Secret*, *Password*, *Token* (not ClientToken, which is
// an idempotency key), whatever the case.
func SecretKey(name string) bool {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, "psk"),
		strings.Contains(n, "authkey"), strings.Contains(n, "secret"), strings.Contains(n, "password"),
		strings.Contains(n, "token") && n != "clienttoken" && n != "nexttoken":
		return true
	}
	return false
}
