package io.claimgate.authorizer.acl;

/**
 * What the ACLs say about one action for one principal and its groups.
 *
 * @param deny              the first matching DENY, or null
 * @param allow             a matching ALLOW, or null (irrelevant when {@code deny} is set)
 * @param resourceHasAcls   whether any ACL at all, for anyone, names the resource: Kafka's
 *                          condition for {@code allow.everyone.if.no.acl.found}
 */
public record AclMatch(AclEntry deny, AclEntry allow, boolean resourceHasAcls) {
    public static final AclMatch NONE = new AclMatch(null, null, false);
}
