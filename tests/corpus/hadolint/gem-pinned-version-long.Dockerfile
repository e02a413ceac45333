FROM ruby:3.3-slim
RUN gem install rails --version 7.2.1 --no-document
USER 10001
