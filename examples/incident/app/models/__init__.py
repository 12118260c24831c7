from app.models.base import Base
from app.models.project import Project
from app.models.user import User

# project_keywords, project_resource_mappings and project_monthly_forecast were written with raw SQL
# by the reporting team and never got models: autogenerate therefore believes they should not exist.

__all__ = ["Base", "Project", "User"]
