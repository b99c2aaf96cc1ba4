package alibaba

// The service's page limits: the scan asks for whole pages, the client
// clamps what a cursor asks for.
const (
	MaxPageSize  = 50 // PageSize limit of the Describe actions
	MaxResultCap = 20 // MaxResults limit of ListIpsecServers
)
