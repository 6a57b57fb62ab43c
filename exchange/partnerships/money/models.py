"""(filled in by this part of the workspace)"""
