package cn.idnode.node.account;

import cn.idnode.node.business.Role;

/**
 * The fields of an account to create (snms-api.md §2.4, §6.2 {@code sysUser}).
 *
 * @param passwordDigest {@code hex(SHA-256(password))}, as the registry API sends it
 */
public record NewAccount(String username, String passwordDigest, String email, String mobile, String openId,
                         String openUserName, String remarks, Role role) {}
