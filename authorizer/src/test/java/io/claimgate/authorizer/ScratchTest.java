package io.claimgate.authorizer;
import java.util.*;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.*;
import org.apache.kafka.common.resource.*;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.junit.jupiter.api.Test;
class ScratchTest {
  static StandardAcl acl(String name, PatternType p, AclOperation op, AclPermissionType perm) {
    return new StandardAcl(ResourceType.GROUP, name, p, "User:alice", "*", op, perm);
  }
  void run(String label, Map<String,?> cfg, List<StandardAcl> acls, String name) {
    try (AuthorizerPair pair = AuthorizerPair.loaded(cfg, acls)) {
      var req = TestBroker.request(new org.apache.kafka.common.security.auth.KafkaPrincipal("User","alice"));
      var a = pair.ask(x -> x.authorize(req, List.of(TestBroker.action(AclOperation.READ, ResourceType.GROUP, name))));
      System.out.println(label + " name=" + name + " -> " + a);
    }
  }
  @Test void t() {
    Map<String,Object> cfg = Map.of("node.id","1");
    for (String n : List.of("x", "*", "*x", "**", "a*")) {
      run("allow wildcard", cfg, List.of(acl("*", PatternType.LITERAL, AclOperation.READ, AclPermissionType.ALLOW)), n);
      run("allow prefix '' + deny wildcard", cfg, List.of(acl("*", PatternType.PREFIXED, AclOperation.READ, AclPermissionType.ALLOW), acl("x", PatternType.PREFIXED, AclOperation.READ, AclPermissionType.ALLOW), acl("a", PatternType.PREFIXED, AclOperation.READ, AclPermissionType.ALLOW), acl("*", PatternType.LITERAL, AclOperation.READ, AclPermissionType.DENY)), n);
      run("allow-everyone, only wildcard deny", Map.of("node.id","1","allow.everyone.if.no.acl.found","true"), List.of(acl("*", PatternType.LITERAL, AclOperation.READ, AclPermissionType.DENY)), n);
    }
  }
}
