"""Permission policies shared by the Wagtail admin listings of several apps."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Listing and inspecting only: records the platform writes (messages, payments...) are
    never edited or deleted by hand; changes go through each listing's own actions."""

    read_only_actions = frozenset({"view"})

    def user_has_permission(self, user, action):
        return action in self.read_only_actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action in self.read_only_actions]
        return super().users_with_any_permission(actions)
