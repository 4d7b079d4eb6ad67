// `probation users add|list|disable|enable|set-password|set-role|unlock --db FILE ...` and
// `probation tokens create|list|revoke --db FILE ...`: the service's accounts on the command
// line. A password is read from standard input with --password-stdin, or generated and
// printed once.
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "base/clock.h"
#include "base/crypto.h"
#include "cli/commands.h"
#include "server/accounts.h"
#include "store/schema.h"

namespace probation {
namespace {

struct UsersArgs {
  std::string db, username, display_name, role, unit, staff, label;
  bool password_stdin = false;
  int days = 90;
  int64_t token_id = 0;
};

Actor CliActor() {
  const char* user = std::getenv("USER");
  return Actor{0, std::string("cli:") + (user != nullptr ? user : "unknown"), "local"};
}

// The password from standard input (one line), or a generated one that is printed.
Result<std::string> ReadOrGeneratePassword(const UsersArgs& args, bool* generated) {
  *generated = !args.password_stdin;
  if (!args.password_stdin) return GeneratePassword();
  std::string line;
  if (!std::getline(std::cin, line)) return InvalidArgument("no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Status RunUsers(const std::string& action, const UsersArgs& args) {
  PROBATION_RETURN_IF_ERROR(InitCrypto());
  SystemClock clock;
  PasswordHasher hasher(1);
  PROBATION_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenStore(args.db));
  AccountService accounts(db.get(), &hasher, &clock, CliActor());
  if (action == "list") {
    PROBATION_ASSIGN_OR_RETURN(const std::vector<UserRecord> users, ListUsers(db.get()));
    std::printf("%-20s %-20s %-12s %-10s %-10s %s\n", "username", "role", "unit", "staff",
                "state", "name");
    for (const UserRecord& u : users) {
      const char* state = u.disabled ? "disabled" : u.locked_at ? "locked" : "active";
      std::printf("%-20s %-20s %-12s %-10s %-10s %s\n", u.username.c_str(),
                  std::string(RoleName(u.role)).c_str(), u.unit_code.c_str(), u.staff_id.c_str(),
                  state, u.display_name.c_str());
    }
    return Status::Ok();
  }
  if (action == "add" || action == "set-password") {
    bool generated = false;
    PROBATION_ASSIGN_OR_RETURN(const std::string password, ReadOrGeneratePassword(args, &generated));
    if (action == "add") {
      const std::optional<Role> role = ParseRole(args.role);
      if (!role) {
        return InvalidArgument("--role must be practitioner, manager, performance-analyst, "
                               "board-member or administrator");
      }
      NewUser user{args.username, args.display_name.empty() ? args.username : args.display_name,
                   *role, args.unit, args.staff};
      PROBATION_RETURN_IF_ERROR(accounts.AddUser(user, password).status());
      std::printf("added %s (%s)\n", args.username.c_str(), args.role.c_str());
    } else {
      PROBATION_RETURN_IF_ERROR(accounts.SetPassword(args.username, password));
      std::printf("password of %s changed; every session of theirs ended\n", args.username.c_str());
    }
    if (generated) std::printf("password: %s\n(shown once: give it to the user)\n", password.c_str());
    return Status::Ok();
  }
  if (action == "disable" || action == "enable") {
    PROBATION_RETURN_IF_ERROR(accounts.SetDisabled(args.username, action == "disable"));
    std::printf("%s %sd\n", args.username.c_str(), action.c_str());
    return Status::Ok();
  }
  if (action == "unlock") {
    PROBATION_RETURN_IF_ERROR(accounts.Unlock(args.username));
    std::printf("%s unlocked\n", args.username.c_str());
    return Status::Ok();
  }
  if (action == "set-role") {
    const std::optional<Role> role = ParseRole(args.role);
    if (!role) return InvalidArgument("--role is not a role");
    PROBATION_RETURN_IF_ERROR(accounts.SetRole(args.username, *role, args.unit, args.staff));
    std::printf("%s is now %s\n", args.username.c_str(), args.role.c_str());
    return Status::Ok();
  }
  if (action == "tokens create") {
    int64_t id = 0;
    PROBATION_ASSIGN_OR_RETURN(const std::string token,
                               accounts.CreateToken(args.username, args.label, args.days, &id));
    std::printf("token %lld for %s, valid %d days:\n%s\n(shown once; send it as "
                "\"Authorization: Bearer TOKEN\")\n",
                static_cast<long long>(id), args.username.c_str(), args.days, token.c_str());
    return Status::Ok();
  }
  if (action == "tokens revoke") {
    PROBATION_RETURN_IF_ERROR(accounts.RevokeToken(args.token_id));
    std::printf("token %lld revoked\n", static_cast<long long>(args.token_id));
    return Status::Ok();
  }
  if (action == "tokens list") {
    int64_t user_id = 0;
    if (!args.username.empty()) {
      PROBATION_ASSIGN_OR_RETURN(const UserRecord user, FindUserByName(db.get(), args.username));
      user_id = user.id;
    }
    PROBATION_ASSIGN_OR_RETURN(const std::vector<ApiTokenRecord> tokens,
                               ListApiTokens(db.get(), user_id));
    std::printf("%-6s %-8s %-22s %-10s %s\n", "id", "user", "expires", "state", "label");
    for (const ApiTokenRecord& t : tokens) {
      std::printf("%-6lld %-8lld %-22s %-10s %s\n", static_cast<long long>(t.id),
                  static_cast<long long>(t.user_id), FormatUtc(t.expires_at).c_str(),
                  t.revoked ? "revoked" : t.expires_at <= clock.Now() ? "expired" : "active",
                  t.label.c_str());
    }
    return Status::Ok();
  }
  return InvalidArgument("unknown action " + action);
}

void AddAction(CLI::App* parent, const std::string& name, const std::string& action,
               const std::string& help, std::shared_ptr<UsersArgs> args, int* exit_code,
               const std::function<void(CLI::App*)>& options) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  cmd->add_option("--db", args->db, "Database file")->required()->check(CLI::ExistingFile);
  options(cmd);
  cmd->callback([=] {
    const Status s = RunUsers(action, *args);
    if (!s.ok()) {
      std::cerr << "probation " << parent->get_name() << " " << name << ": " << s.message() << "\n";
    }
    *exit_code = s.ok() ? 0 : 2;
  });
}

}  // namespace

void AddUsersCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<UsersArgs>();
  CLI::App* users = app.add_subcommand("users", "The service's user accounts");
  users->require_subcommand(1);
  const auto user = [&](CLI::App* c) {
    c->add_option("username", args->username, "Username")->required();
  };
  const auto password = [&](CLI::App* c) {
    c->add_flag("--password-stdin", args->password_stdin,
                "Read the password from standard input (default: generate and print one)");
  };
  const auto tie = [&](CLI::App* c) {
    c->add_option("--role", args->role,
                  "practitioner, manager, performance-analyst, board-member or administrator")
        ->required();
    c->add_option("--unit", args->unit, "Organisation unit (team, LDU or trust code)");
    c->add_option("--staff", args->staff, "Staff record (staff id) of a practitioner or manager");
  };
  AddAction(users, "add", "add", "Add a user", args, exit_code, [&](CLI::App* c) {
    user(c);
    c->add_option("--name", args->display_name, "Display name");
    tie(c);
    password(c);
  });
  AddAction(users, "list", "list", "List the users", args, exit_code, [](CLI::App*) {});
  AddAction(users, "disable", "disable", "Disable a user and end their sessions", args, exit_code,
            user);
  AddAction(users, "enable", "enable", "Enable a disabled user", args, exit_code, user);
  AddAction(users, "unlock", "unlock", "Lift the lock that failed sign-ins set", args, exit_code,
            user);
  AddAction(users, "set-password", "set-password",
            "Set a user's password and end their sessions", args, exit_code, [&](CLI::App* c) {
              user(c);
              password(c);
            });
  AddAction(users, "set-role", "set-role", "Set a user's role and unit", args, exit_code,
            [&](CLI::App* c) {
              user(c);
              tie(c);
            });

  CLI::App* tokens = app.add_subcommand("tokens", "Bearer tokens for API clients");
  tokens->require_subcommand(1);
  AddAction(tokens, "create", "tokens create", "Create a token for a user (printed once)", args,
            exit_code, [&](CLI::App* c) {
              c->add_option("--user", args->username, "Username")->required();
              c->add_option("--days", args->days, "Days until it expires (1-366)")->default_val(90);
              c->add_option("--label", args->label, "What the token is for");
            });
  AddAction(tokens, "list", "tokens list", "List tokens (never their values)", args, exit_code,
            [&](CLI::App* c) { c->add_option("--user", args->username, "Only this user's"); });
  AddAction(tokens, "revoke", "tokens revoke", "Revoke a token", args, exit_code,
            [&](CLI::App* c) { c->add_option("--id", args->token_id, "Token id")->required(); });
}

}  // namespace probation
